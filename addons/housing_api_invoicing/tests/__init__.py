from . import test_api_invoices
from . import test_api_invoice_fuzz
from . import test_invoice_webhooks
