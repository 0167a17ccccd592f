from . import housing_reference_reject_wizard
