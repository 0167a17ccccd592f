from . import common
from . import contacts
from . import openapi
