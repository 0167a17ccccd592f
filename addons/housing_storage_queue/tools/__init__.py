from . import storage_rules
