from . import business_days
from . import identity
