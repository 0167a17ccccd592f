from . import test_interest
from . import test_dunning
from . import test_forfeiture
from . import test_collection
