from . import housing_request_reason_wizard
from . import housing_overview
from . import housing_overview_line
