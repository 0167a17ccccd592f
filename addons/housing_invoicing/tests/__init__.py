from . import test_ocr
from . import test_monthly_run
from . import test_retroactive
from . import test_avi_access
from . import test_run_concurrency
