// Renders /openapi.json with Swagger UI; a separate file so the page needs no inline script.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  // No badge from the public validator service: the page works offline and calls only this gateway.
  validatorUrl: null,
});
