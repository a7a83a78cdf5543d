// Table: API tokens of a service plan, stored only as SHA-256 hashes.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { servicePlans } from "./service-plans";

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    servicePlanId: text("service_plan_id")
      .notNull()
      .references(() => servicePlans.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_tokens_plan").on(t.servicePlanId)],
);

export type ApiTokenRow = typeof apiTokens.$inferSelect;
