from . import housing_overview
