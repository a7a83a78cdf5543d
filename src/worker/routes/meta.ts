// Routes about the gateway itself: liveness, readiness and the OpenAPI document of every operation.
import { z } from "zod";
import { databaseFor } from "../../db/client";
import { readiness } from "../../domain/health/readiness";
import { lazySchema } from "../../domain/schemas/common";
import { sendQueueFor } from "../../queue/client";
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
      path: "/health/ready",
      operationId: "ready",
      summary: "Readiness",
      description:
        "Checks that D1 answers with every migration applied and that a queue object answers; 503 names what failed.",
      tag,
      auth: "none",
      status: 200,
      response: lazySchema(() =>
        z.object({
          ok: z.boolean(),
          checks: z.object({ database: z.string(), migrations: z.string(), queue: z.string() }),
        }),
      ),
    },
    async (_request, env) => {
      // A queue object of its own: the check never wakes or touches a plan's queue.
      const result = await readiness(databaseFor(env), () => sendQueueFor(env, "health-check").stats());
      return json(result, result.ok ? 200 : 503);
    },
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
