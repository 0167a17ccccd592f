from . import test_portal_avier
