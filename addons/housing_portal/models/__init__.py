from . import housing_lease
from . import maintenance_request
