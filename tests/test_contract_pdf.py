"""The lease contract PDF as a tenant downloads it from the portal of a real server (not
test mode, where Odoo renders reports as HTML): wkhtmltopdf makes the PDF, and its text
holds the lease number, the tenant and the rent."""

import subprocess

from test_portal import _portal_session

pytest_plugins = ["conftest_api"]


def test_tenant_downloads_the_contract_pdf(housing_api):
    # wkhtmltopdf fetches the report's style sheets from this server.
    housing_api.admin.call("ir.config_parameter", "set_param", "report.url", housing_api.url)
    tenant = _portal_session(housing_api, housing_api.tenant_id, f"pdf-{housing_api.sfx}")
    reply = tenant.get(
        f"{housing_api.url}/my/leases/{housing_api.lease_id}?report_type=pdf&download=true",
        timeout=120,
    )
    assert reply.status_code == 200, reply.text[-2000:]
    assert reply.headers["Content-Type"] == "application/pdf"
    assert "Hyreskontrakt" in reply.headers["Content-Disposition"]
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=reply.content, capture_output=True, check=True
    ).stdout.decode()
    assert housing_api.lease_number in text
    assert "Sara Svit" in text
    assert "7,450.00" in text or "7 450,00" in text
