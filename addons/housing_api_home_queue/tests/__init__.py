from . import test_api_home_queue
from . import test_api_home_queue_fuzz
