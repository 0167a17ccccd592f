from . import housing_parking_listing_wizard
