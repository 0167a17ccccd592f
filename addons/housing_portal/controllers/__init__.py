from . import housing_portal
