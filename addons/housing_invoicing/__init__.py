from . import models
from . import wizard


def post_init_hook(env):
    """Companies that had the Swedish chart before this module get its rent accounts,
    taxes, fiscal position and avi journal now."""
    ChartTemplate = env["account.chart.template"]
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        if "se" in ChartTemplate._get_parent_template(company.chart_template):
            # try_loading() without a loaded registry is meant for demo data only.
            ChartTemplate._load(company.chart_template, company, install_demo=False)
