from . import housing_dunning_run_wizard
from . import housing_collection_wizard
