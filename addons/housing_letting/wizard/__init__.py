from . import housing_queue_start_correction
