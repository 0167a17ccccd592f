from . import common
from . import contacts
from . import register
from . import leases
from . import service_requests
from . import letting
from . import parking
from . import openapi
