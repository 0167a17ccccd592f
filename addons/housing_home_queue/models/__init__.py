from . import housing_room_code_limit
from . import housing_priority_group
from . import housing_priority_assignment
from . import housing_application_profile
from . import housing_letting_policy
from . import housing_application
from . import housing_listing
from . import housing_letting_rules_housing
