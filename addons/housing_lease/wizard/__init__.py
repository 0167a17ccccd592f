from . import housing_lease_notice_wizard
from . import housing_overview
from . import housing_overview_line
