from . import account_move
from . import housing_lease
