/* The interactive API reference of /api/housing/v1 (Swagger UI on the OpenAPI document
 * the server generates). A separate file, not inline, so a strict Content-Security-Policy
 * may forbid inline scripts. */
window.addEventListener("load", () => {
    const root = document.getElementById("api-reference");
    window.ui = window.SwaggerUIBundle({
        url: root.dataset.documentUrl,
        domNode: root,
        deepLinking: true,
        persistAuthorization: false,
        displayRequestDuration: true,
        tryItOutEnabled: false,
    });
});
