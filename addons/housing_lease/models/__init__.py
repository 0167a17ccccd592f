from . import housing_lease_notice_rule
from . import housing_lease
from . import housing_lease_tenant
from . import housing_lease_rent_line
from . import housing_lease_rent_change
from . import housing_lease_rent_change_line
from . import housing_rental_object
from . import res_partner
