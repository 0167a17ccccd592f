from . import housing_parking_listing_wizard
from . import housing_queue_start_correction
from . import housing_overview
