from . import test_business_days
from . import test_identity
from . import test_partner
from . import test_partner_access
from . import test_protected_identity
from . import test_integration_group
from . import test_protected_login
