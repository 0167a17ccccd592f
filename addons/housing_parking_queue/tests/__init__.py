from . import test_rules
from . import test_deadline
from . import test_listing
from . import test_eligibility
from . import test_offer_round
from . import test_parking_access
from . import test_parking_concurrency
from . import test_parking_privacy
