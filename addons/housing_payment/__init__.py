from . import models
from . import wizard


def post_init_hook(env):
    """Companies with accounting get their bank journal as the bankgiro payments journal."""
    env["res.company"].search([])._housing_payment_setup()
