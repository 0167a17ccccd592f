from . import test_portal_storage_queue
