from odoo import SUPERUSER_ID, api

SENDER = "{{ (object.company_id or user.company_id).email_formatted }}"


def migrate(cr, version):
    """19.0.1.1: the tenant's e-mails about a fault report (received, stage changed) come
    from the company. The templates are noupdate data: give those without a sender of
    their own the company's, as a new install has."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in (
        "housing_service_request.mail_template_reported",
        "housing_service_request.mail_template_stage_changed",
    ):
        template = env.ref(xmlid, raise_if_not_found=False)
        if template and not template.email_from:
            template.email_from = SENDER
