from . import housing_lease_notice_wizard
from . import housing_overview
