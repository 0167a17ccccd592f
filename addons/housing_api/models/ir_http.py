import logging

from werkzeug.exceptions import MethodNotAllowed

from odoo import models
from odoo.http import request

from odoo.addons.housing_base.tools.text import printable

from ..tools import request_input
from ..tools.constants import API_PREFIX
from ..tools.errors import HousingApiError, error_body
from ..tools.request_id import request_id

_logger = logging.getLogger(__name__)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _housing_api_request(cls):
        return bool(request) and request.httprequest.path.startswith(API_PREFIX + "/")

    @classmethod
    def _housing_api_error_response(cls, exception):
        status, body, headers = error_body(exception, request.env)
        # Those of the operation (api_route: a deprecated one's Deprecation, Sunset, Link).
        for name, value in getattr(request, "housing_api_headers", ()):
            headers.setdefault(name, value)
        headers["X-Request-Id"] = request_id()
        response = request.make_json_response(body, headers=list(headers.items()), status=status)
        cls._housing_api_log(response)
        return response

    @classmethod
    def _housing_api_log(cls, response):
        """One line per API answer, with the request id the client got."""
        httprequest = request.httprequest
        _logger.info(
            "%s %s %s request_id=%s uid=%s",
            httprequest.method,
            printable(httprequest.path),
            response.status_code,
            request_id(),
            request.env.uid if request.env else None,
        )

    @classmethod
    def _post_dispatch(cls, response):
        result = super()._post_dispatch(response)
        if cls._housing_api_request():
            cls._housing_api_log(response)
        return result

    @classmethod
    def _handle_error(cls, exception):
        """Answer every error under the API prefix (bad key, unknown route, validation,
        access, ...) in the API's JSON error format."""
        if cls._housing_api_request():
            return cls._housing_api_error_response(exception)
        return super()._handle_error(exception)

    @classmethod
    def _match(cls, path_info):
        try:
            return super()._match(path_info)
        except MethodNotAllowed as exception:
            # Raised before any dispatcher exists: attach the JSON answer right away.
            if cls._housing_api_request():
                exception.error_response = cls._housing_api_error_response(exception)
            raise

    @classmethod
    def _serve_fallback(cls):
        """No page, attachment or redirect lives under the API prefix: an unknown path
        is the API's 404 (the fallbacks would search the database with the raw path)."""
        if cls._housing_api_request():
            return None
        return super()._serve_fallback()

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """Before the endpoint sees anything: under the API prefix, text no field can
        store in the path or query string is a 400, and a body is read at most up to the
        limit (413) and must be JSON (415) - before Odoo parses a form body into the
        parameters. JSON-2 bodies too deep for Python's parser, or holding such text, get
        a 400 instead of a 500."""
        result = super()._pre_dispatch(rule, args)
        if cls._housing_api_request():
            request_input.check_url(args)
            httprequest = request.httprequest
            if httprequest.method in ("POST", "PUT", "PATCH"):
                body = request_input.read_body()
                if (body or httprequest.mimetype) and httprequest.mimetype != "application/json":
                    raise HousingApiError(
                        415,
                        "unsupported_media_type",
                        request.env._(
                            "Send the body as JSON with the header "
                            "'Content-Type: application/json'."
                        ),
                    )
        elif rule.endpoint.routing.get("type") == "json2":
            request_input.check_json2_body()
        return result
