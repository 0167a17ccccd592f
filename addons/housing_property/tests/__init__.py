from . import test_rental_object
from . import test_property_access
