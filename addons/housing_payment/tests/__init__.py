from . import test_bgmax
from . import test_camt054
from . import test_import
from . import test_ledger
from . import test_access
