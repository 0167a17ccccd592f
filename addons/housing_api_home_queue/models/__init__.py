from . import housing_application_profile
