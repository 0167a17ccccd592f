from . import housing_lease
from . import maintenance_request
from . import res_partner
from . import housing_offer
from . import housing_listing
from . import housing_queue_membership
