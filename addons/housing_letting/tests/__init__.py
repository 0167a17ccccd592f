from . import test_letting
from . import test_keep_alive
