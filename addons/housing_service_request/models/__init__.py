from . import maintenance_stage
from . import maintenance_team
from . import housing_caretaker_area
from . import housing_lease
from . import housing_rental_object
from . import maintenance_request
