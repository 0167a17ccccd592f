from werkzeug.exceptions import MethodNotAllowed

from odoo import models
from odoo.http import request

from ..tools.constants import API_PREFIX
from ..tools.errors import error_body


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _housing_api_request(cls):
        return bool(request) and request.httprequest.path.startswith(API_PREFIX + "/")

    @classmethod
    def _housing_api_error_response(cls, exception):
        status, body, headers = error_body(exception, request.env)
        return request.make_json_response(body, headers=list(headers.items()), status=status)

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
