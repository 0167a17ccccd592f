from . import housing_letting_rules
from . import housing_letting_policy
from . import housing_queue_membership
from . import housing_listing
from . import housing_application
from . import housing_offer
from . import housing_rental_block
from . import res_partner
