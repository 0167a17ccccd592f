from . import housing_payment_import_wizard
from . import housing_payment_match_wizard
