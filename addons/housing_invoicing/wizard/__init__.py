from . import housing_invoice_run_wizard
