// Routes about the gateway itself: liveness and the OpenAPI document of every operation.
import { z } from "zod";
import { lazySchema } from "../../domain/schemas/common";
import { json } from "../http";
import { type Operation, openOperation } from "../rest";

const tag = "Gateway";

/** `document` returns the serialised OpenAPI document, built once per isolate. */
export const metaOperations = (document: () => string): Operation[] => [
  openOperation(
    {
      method: "GET",
      path: "/health",
      operationId: "health",
      summary: "Liveness",
      tag,
      auth: "none",
      status: 200,
      response: lazySchema(() => z.object({ ok: z.literal(true) })),
    },
    async () => json({ ok: true }),
  ),
  openOperation(
    {
      method: "GET",
      path: "/openapi.json",
      operationId: "getOpenApiDocument",
      summary: "This document",
      description: "OpenAPI 3.1, generated from the schemas the handlers validate with. Rendered at `/docs`.",
      tag,
      auth: "none",
      status: 200,
      response: lazySchema(() => z.object({ openapi: z.string() }).loose()),
    },
    async () =>
      new Response(document(), {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "public, max-age=300",
        },
      }),
  ),
];
