from . import housing_close_decline_wizard
