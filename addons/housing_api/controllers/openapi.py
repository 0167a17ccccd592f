from markupsafe import Markup, escape

from odoo import http
from odoo.http import request

from ..tools.constants import API_PREFIX
from ..tools.openapi import build_document
from .common import installed_operations

SWAGGER_UI_VERSION = "5.35.0"
STATIC = "/housing_api/static"
REFERENCE_PAGE = Markup("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Housing API reference</title>
<link rel="stylesheet" href="{static}/lib/swagger-ui/swagger-ui.css?v={version}">
</head>
<body>
<div id="api-reference" data-document-url="{document_url}"></div>
<script src="{static}/lib/swagger-ui/swagger-ui-bundle.js?v={version}"></script>
<script src="{static}/src/js/api_reference.js?v={version}"></script>
</body>
</html>
""")


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
        return request.make_json_response(
            build_document(base_url, request.env, installed_operations(request.env))
        )

    @http.route(
        API_PREFIX + "/docs",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
        save_session=False,
    )
    def housing_api_reference(self):
        """The interactive API reference (Swagger UI, shipped with the module)."""
        page = REFERENCE_PAGE.format(
            static=STATIC,
            version=SWAGGER_UI_VERSION,
            document_url=escape(API_PREFIX + "/openapi.json"),
        )
        return request.make_response(
            page,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
                ),
            ],
        )
