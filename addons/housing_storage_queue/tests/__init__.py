from . import test_storage_rules
from . import test_storage_queue
from . import test_storage_access
from . import test_retention
from . import test_storage_offer
