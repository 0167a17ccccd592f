from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _get_next_sequence_format(self):
        """The numbering format of a bank journal's entry (a bank statement line's), looked
        up once per journal and date while this transaction holds the journal's numbering.

        Odoo looks the journal's last number up again (three queries) for every entry it
        numbers and for every entry whose neighbours it checks for gaps, although, once
        the transaction has taken the next number, the sequence mixin's own cache gives
        the following ones: importing a payments file spent most of its time there. For
        these entries the format depends only on the journal and the date (no refunds,
        payments or self-billing in their numbering). It is kept in the mixin's cache, so
        it is forgotten whenever the mixin forgets its numbers (a commit, a rollback, a
        renumbering)."""
        if (
            self.move_type != "entry"
            or self.journal_id.type not in ("bank", "cash", "credit")
            or self.origin_payment_id
            or self.env.context.get("is_payment")
            or not self.date
        ):
            return super()._get_next_sequence_format()
        cache = self._get_sequence_cache()
        key = ("housing_payment.format", self.journal_id.id, self.date)
        known = cache.get(key)
        if known and known[2] in cache:
            format_string, format_values, sequence_key = known
            return format_string, {**format_values, "seq": cache[sequence_key]}
        format_string, format_values = super()._get_next_sequence_format()
        values = {name: value for name, value in format_values.items() if name != "seq"}
        sequence_key = (
            format_string.format(**values, seq=0),
            self._sequence_index and self[self._sequence_index],
        )
        cache[key] = (format_string, values, sequence_key)
        return format_string, format_values
