from . import ir_http
from . import housing_api_idempotency
from . import housing_webhook_event
from . import housing_webhook_subscription
from . import housing_webhook_delivery
from . import res_partner
from . import res_users
