from . import housing_protected_identity
from . import housing_protected_identity_log
from . import res_partner
