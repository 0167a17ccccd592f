from . import test_housing_rules
from . import test_profile
from . import test_home_eligibility
from . import test_home_letting
from . import test_home_access
from . import test_home_retention
from . import test_profile_concurrency
from . import test_profile_json2
