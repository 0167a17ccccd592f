from . import models
from . import wizard


def pre_init_hook(env):
    """The lease overlap exclusion constraint needs btree_gist (a trusted extension)."""
    env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
