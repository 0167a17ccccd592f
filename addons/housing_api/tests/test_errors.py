from psycopg2 import errors as pg_errors
from werkzeug.exceptions import MethodNotAllowed, NotFound, Unauthorized

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools.errors import ERROR_CODES, HousingApiError, error_body


def _caused_by(exception, cause):
    try:
        raise exception from cause
    except type(exception) as raised:
        return raised


@tagged("post_install", "-at_install", "housing_api")
class TestErrorMapping(TransactionCase):
    """Every exception becomes one status and one stable code."""

    def assertMaps(self, exception, status, code):
        got_status, body, _headers = error_body(exception, self.env)
        self.assertEqual((got_status, body["error"]["code"]), (status, code), exception)
        self.assertIn(code, ERROR_CODES[status])
        self.assertTrue(body["error"]["message"])
        self.assertIsInstance(body["error"]["details"], dict)
        return body["error"]

    def test_odoo_exceptions(self):
        self.assertMaps(ValidationError("Ogiltigt personnummer"), 400, "validation_error")
        self.assertMaps(UserError("Redan stängd"), 400, "validation_error")
        self.assertMaps(AccessError("Inte din"), 403, "forbidden")
        self.assertMaps(MissingError("Borttagen"), 404, "not_found")
        self.assertMaps(AccessDenied(), 401, "unauthorized")

    def test_database_conflicts(self):
        unique = _caused_by(
            ValidationError("The operation cannot be completed: duplicate"),
            pg_errors.UniqueViolation(),
        )
        error = self.assertMaps(unique, 409, "conflict")
        self.assertIn("cannot be completed", error["message"])
        self.assertMaps(
            _caused_by(ValidationError("overlap"), pg_errors.ExclusionViolation()), 409, "conflict"
        )
        self.assertMaps(pg_errors.SerializationFailure(), 409, "conflict")
        self.assertMaps(pg_errors.LockNotAvailable(), 409, "conflict")

    def test_http_errors(self):
        _status, _body, headers = error_body(Unauthorized(), self.env)
        self.assertIn("Bearer", headers["WWW-Authenticate"])
        self.assertMaps(NotFound(), 404, "not_found")
        _status, _body, headers = error_body(MethodNotAllowed(["GET"]), self.env)
        self.assertEqual(headers["Allow"], "GET")

    def test_own_errors_and_the_unexpected(self):
        error = self.assertMaps(
            HousingApiError(409, "idempotency_conflict", "Nyckeln är använd", {"key": "k"}),
            409,
            "idempotency_conflict",
        )
        self.assertEqual(error["details"], {"key": "k"})
        error = self.assertMaps(KeyError("secret internals"), 500, "internal_error")
        self.assertNotIn("secret internals", error["message"])
