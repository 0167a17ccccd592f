from . import dates
from . import letting
