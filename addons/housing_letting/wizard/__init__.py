from . import housing_queue_reason
from . import housing_queue_start_correction
