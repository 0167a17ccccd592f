from . import test_api_contacts
from . import test_api_key
from . import test_openapi
from . import test_webhooks
