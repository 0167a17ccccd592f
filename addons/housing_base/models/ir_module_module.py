from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _housing_load_terms(self, modules, langs):
        """Load the translations of ``modules`` for ``langs`` now (demo data of a module is
        made in Swedish, so its terms must be there first). Accounting overrides
        ``_load_module_terms`` as a record method: call it on an empty recordset so that one
        call from XML works with and without it."""
        self.browse()._load_module_terms(modules, langs)
