from . import housing_portal
from . import parking
