from . import housing_protected_identity_wizard
