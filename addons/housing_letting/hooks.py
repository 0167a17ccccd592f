"""Install over a database that has the parking queue of before housing_letting.

Up to housing_parking_queue 19.0.1.0.0 the letting engine was the parking queue's own:
models housing.parking.listing, .application, .offer and .policy, and
housing.queue.membership. Upgrading housing_parking_queue installs housing_letting first
(its new dependency); this hook, run before housing_letting's tables are made, renames
the parking models to the engine's models in place (OpenUpgrade's rename_models and
rename_tables, done here in SQL), so every listing, application, offer with its ranking
snapshot, membership, policy, message and follower stays what it was, with its id.
Records that moved from housing_parking_queue to housing_letting (access rights, record
rules, the queue cron) keep their row and get their new external id.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD_MODULE = "housing_parking_queue"
MODULE = "housing_letting"
# old model → new model; housing.queue.membership keeps its name and table.
MODEL_RENAMES = {
    "housing.parking.listing": "housing.listing",
    "housing.parking.application": "housing.application",
    "housing.parking.offer": "housing.offer",
    "housing.parking.policy": "housing.letting.policy",
}
MOVED_MODELS = ("housing.queue.membership",)
# Columns holding model names (table, column), where they exist.
MODEL_NAME_COLUMNS = (
    ("ir_model", "model"),
    ("ir_model_fields", "model"),
    ("ir_model_fields", "relation"),
    ("ir_model_data", "model"),
    ("ir_ui_view", "model"),
    ("ir_act_window", "res_model"),
    ("ir_act_server", "model_name"),
    ("ir_act_report_xml", "model"),
    ("ir_filters", "model_id"),
    ("ir_embedded_actions", "parent_res_model"),
    ("ir_exports", "resource"),
    ("ir_attachment", "res_model"),
    ("mail_message", "model"),
    ("mail_followers", "res_model"),
    ("mail_activity", "res_model"),
    ("mail_activity_type", "res_model"),
    ("mail_message_subtype", "res_model"),
    ("mail_template", "model"),
    ("mail_scheduled_message", "model"),
    ("rating_rating", "res_model"),
    ("rating_rating", "parent_res_model"),
    ("housing_api_tombstone", "res_model"),
)
# External ids of records that moved to housing_letting: old name → new name.
MOVED_XMLIDS = {
    "ir_cron_parking_queue": "ir_cron_letting_queue",
    "rule_housing_queue_membership_portal": "rule_housing_queue_membership_portal",
    "rule_housing_queue_membership_integration": "rule_housing_queue_membership_integration",
    **{
        f"access_housing_queue_membership_{group}": f"access_housing_queue_membership_{group}"
        for group in ("user", "manager", "integration", "portal")
    },
    **{
        f"access_housing_parking_{old}_{group}": f"access_housing_{new}_{group}"
        for old, new in (
            ("policy", "letting_policy"),
            ("listing", "listing"),
            ("application", "application"),
            ("offer", "offer"),
        )
        for group in ("user", "manager", "integration", "portal")
        if (old, group) != ("policy", "portal")
    },
    **{
        f"rule_housing_parking_{old}": f"rule_housing_{old}"
        for old in (
            "application_portal",
            "offer_portal",
            "listing_portal",
            "listing_company",
            "listing_integration",
            "application_integration",
            "offer_integration",
            "application_protected_identity",
            "offer_protected_identity",
        )
    },
}
# Constraints that changed: dropped here, made again by the ORM.
DROPPED_CONSTRAINTS = {"housing_parking_policy": ("housing_parking_policy_rule_unique",)}


def _table(model):
    return model.replace(".", "_")


def _exists(cr, table, column=None):
    if column is None:
        cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", [table])
    else:
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
    return bool(cr.fetchone())


def _rename_table(cr, old, new):
    """Rename the table, its sequence, constraints and indexes (``old``_… → ``new``_…)."""
    cr.execute(SQL("ALTER TABLE %s RENAME TO %s", SQL.identifier(old), SQL.identifier(new)))
    cr.execute(
        SQL(
            "ALTER SEQUENCE IF EXISTS %s RENAME TO %s",
            SQL.identifier(f"{old}_id_seq"),
            SQL.identifier(f"{new}_id_seq"),
        )
    )
    cr.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND conname LIKE %s",
        [new, f"{old}\\_%"],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(new),
                SQL.identifier(name),
                SQL.identifier(new + name[len(old) :]),
            )
        )
    cr.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
        [new, f"{old}\\_%"],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER INDEX %s RENAME TO %s",
                SQL.identifier(name),
                SQL.identifier(new + name[len(old) :]),
            )
        )


def _rename_model(cr, old, new):
    old_table, new_table = _table(old), _table(new)
    _logger.info("Renaming model %s to %s.", old, new)
    for name in DROPPED_CONSTRAINTS.get(old_table, ()):
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
                SQL.identifier(old_table),
                SQL.identifier(name),
            )
        )
        cr.execute("DELETE FROM ir_model_constraint WHERE name = %s", [name])
        cr.execute(
            "DELETE FROM ir_model_data WHERE model = 'ir.model.constraint' AND name = %s",
            [f"constraint_{name}"],
        )
    _rename_table(cr, old_table, new_table)
    for table, column in MODEL_NAME_COLUMNS:
        if _exists(cr, table, column):
            cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s WHERE %s = %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    new,
                    SQL.identifier(column),
                    old,
                )
            )
    # The ORM's own names of the model's metadata: model_…, field_…__x, selection__…,
    # model_inherit__…; ``old_table``_wizard is another model (and "_wizar" its
    # truncated names).
    pattern = f"{old_table}(?!_wizar)"
    cr.execute(
        """
        UPDATE ir_model_data SET name = regexp_replace(name, %s, %s)
         WHERE model IN ('ir.model', 'ir.model.fields', 'ir.model.fields.selection',
                         'ir.model.inherit')
           AND name ~ %s
        """,
        [pattern, new_table, pattern],
    )
    # The model's constraints, named after its table, and their external ids.
    cr.execute(
        """
        UPDATE ir_model_constraint c SET name = %s || substr(c.name, %s)
          FROM ir_model m
         WHERE c.model = m.id AND m.model = %s AND c.name LIKE %s
        RETURNING c.id, c.name
        """,
        [new_table, len(old_table) + 1, new, f"{old_table}\\_%"],
    )
    for constraint_id, name in cr.fetchall():
        cr.execute(
            """
            UPDATE ir_model_data SET name = %s
             WHERE model = 'ir.model.constraint' AND res_id = %s
            """,
            [f"constraint_{name}", constraint_id],
        )


def _move_to_module(cr, models):
    """The constraints of ``models`` (and their external ids) belong to housing_letting,
    which defines them now."""
    cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [MODULE])
    (module_id,) = cr.fetchone()
    cr.execute(
        """
        UPDATE ir_model_constraint c SET module = %s
          FROM ir_model m
         WHERE c.model = m.id AND m.model IN %s
        RETURNING c.id
        """,
        [module_id, tuple(models)],
    )
    constraint_ids = [row[0] for row in cr.fetchall()]
    if constraint_ids:
        cr.execute(
            """
            UPDATE ir_model_data SET module = %s
             WHERE model = 'ir.model.constraint' AND res_id IN %s AND module = %s
            """,
            [MODULE, tuple(constraint_ids), OLD_MODULE],
        )
    for old, new in MOVED_XMLIDS.items():
        cr.execute(
            "UPDATE ir_model_data SET module = %s, name = %s WHERE module = %s AND name = %s",
            [MODULE, new, OLD_MODULE, old],
        )


def _fill_categories(cr):
    """Everything let before is parking."""
    for table in (
        "housing_letting_policy",
        "housing_listing",
        "housing_application",
        "housing_offer",
    ):
        if not _exists(cr, table, "category"):
            cr.execute(SQL("ALTER TABLE %s ADD COLUMN category varchar", SQL.identifier(table)))
        cr.execute(
            SQL("UPDATE %s SET category = 'parking' WHERE category IS NULL", SQL.identifier(table))
        )


def pre_init_hook(env):
    cr = env.cr
    if not _exists(cr, "housing_parking_listing") or _exists(cr, "housing_listing"):
        return
    _logger.info("Moving the parking queue's letting engine to %s.", MODULE)
    for old, new in MODEL_RENAMES.items():
        _rename_model(cr, old, new)
    _move_to_module(cr, [*MODEL_RENAMES.values(), *MOVED_MODELS])
    _fill_categories(cr)


def post_init_hook(env):
    # The policies moved from the parking queue (none on a new database) send the
    # engine's e-mails as a new policy does.
    env["housing.letting.policy"]._give_default_templates()
