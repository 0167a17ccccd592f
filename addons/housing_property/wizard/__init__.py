from . import housing_overview
from . import housing_overview_line
