from . import housing_letting_rules_parking
from . import housing_listing
from . import housing_application
from . import housing_residential_area
from . import housing_parking_property_group
from . import housing_property
from . import housing_rental_object
from . import res_partner
