from . import test_service_request
from . import test_service_request_dates
from . import test_service_request_tenant
from . import test_service_request_access
from . import test_service_request_photos
from . import test_service_request_workflow
from . import test_service_request_protected_identity
from . import test_service_request_staff
