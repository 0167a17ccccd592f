from . import housing_listing
