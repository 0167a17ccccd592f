from . import housing_lease_notice_wizard
