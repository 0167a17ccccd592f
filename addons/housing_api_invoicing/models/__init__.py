from . import account_move
from . import account_partial_reconcile
