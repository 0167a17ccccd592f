from . import housing_lease
