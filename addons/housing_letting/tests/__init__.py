from . import test_letting
