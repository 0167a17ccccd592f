from . import test_letting
from . import test_housing_rules
