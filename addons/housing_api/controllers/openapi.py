from odoo import http
from odoo.http import request

from ..tools.constants import API_PREFIX
from ..tools.openapi import build_document


class HousingApiOpenApi(http.Controller):
    @http.route(
        API_PREFIX + "/openapi.json",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
        save_session=False,
    )
    def housing_api_openapi(self):
        """The machine-readable description of the API (no key needed)."""
        base_url = request.httprequest.host_url.rstrip("/")
        return request.make_json_response(build_document(base_url, request.env))
