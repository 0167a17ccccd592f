from . import housing_parking_listing_wizard
from . import housing_overview
