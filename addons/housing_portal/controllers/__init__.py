from . import housing_portal
from . import letting
from . import parking
