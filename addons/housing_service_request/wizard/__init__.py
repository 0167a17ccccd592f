from . import housing_request_reason_wizard
