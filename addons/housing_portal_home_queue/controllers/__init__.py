from . import profile
