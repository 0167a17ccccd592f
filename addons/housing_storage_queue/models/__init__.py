from . import housing_letting_rules_storage
from . import housing_listing
from . import housing_rental_object
