from . import account_chart_template
from . import account_journal
from . import account_move
from . import housing_invoice_billing
from . import housing_lease
from . import housing_lease_rent_change_line
from . import res_company
from . import res_partner
