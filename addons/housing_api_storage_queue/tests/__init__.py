from . import test_api_storage_queue
