from . import test_hierarchy
from . import test_rental_object
from . import test_status
from . import test_company_day
from . import test_property_access
from . import test_overview
