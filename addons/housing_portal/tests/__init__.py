from . import test_portal_contact
from . import test_portal_lease
from . import test_portal_service_request
from . import test_portal_parking
from . import test_portal_identity
from . import test_portal_protected_identity
from . import test_portal_phone
from . import test_portal_queues
