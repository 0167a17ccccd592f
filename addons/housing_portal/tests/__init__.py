from . import test_portal_contact
from . import test_portal_lease
