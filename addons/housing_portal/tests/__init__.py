from . import test_portal_contact
