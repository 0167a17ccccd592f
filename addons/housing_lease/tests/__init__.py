from . import test_notice_rule
from . import test_lease
from . import test_lease_states
from . import test_rent_change
from . import test_lease_access
from . import test_lease_concurrency
from . import test_lease_protected_identity
from . import test_lease_pdf
