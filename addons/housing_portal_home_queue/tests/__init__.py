from . import test_portal_home_queue
from . import test_portal_home_queue_listings
