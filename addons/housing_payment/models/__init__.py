from . import res_company
from . import housing_payment_import
from . import account_bank_statement
from . import account_bank_statement_line
from . import account_move
from . import housing_tenant_arrears
from . import res_partner
