from . import business_days
from . import dates
from . import identity
from . import text
