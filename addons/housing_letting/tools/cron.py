"""The letting crons' steps: each in a transaction of its own, retried on a conflict."""

import logging

from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)

# How often a cron tries a step that conflicts with another transaction.
STEP_TRIES = 5


def run_alone(env, step, what, processed=1):
    """Run ``step()`` of a cron in a transaction of its own and commit it with its
    progress (``processed`` items); a step that conflicts with another transaction (a
    tenant answering an offer, an applicant confirming a queue place) is rolled back and
    tried again, at most STEP_TRIES times, and never undoes the steps committed before it.
    ``what`` names the step in the log. Returns the time the cron has left."""
    for __ in range(STEP_TRIES):
        try:
            step()
            return env["ir.cron"]._commit_progress(processed)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
            env.cr.rollback()
            _logger.info("%s: conflict (%s).", what, error.pgcode)
    _logger.warning(
        "%s: gave up after %s conflicts; the next run takes it up again.", what, STEP_TRIES
    )
    return env["ir.cron"]._commit_progress(processed)
