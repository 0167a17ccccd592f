from . import housing_lease_notice_wizard
from . import housing_lease_rent_change_wizard
