from . import housing_protected_identity
from . import housing_protected_identity_log
from . import mail_activity_mixin
from . import mail_thread
from . import res_partner
from . import res_users
from . import ir_module_module
