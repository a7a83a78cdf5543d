// Tables: recipient groups and their members (a number at most once per group).
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    name: text("name"),
    /** JSON array of child group ids. */
    childGroups: text("child_groups").notNull().default("[]"),
    /** JSON object or null: Sinch's auto_update keywords. */
    autoUpdate: text("auto_update"),
    /** The number keyword updates arrive on, copied out of auto_update for lookups. */
    autoUpdateTo: text("auto_update_to"),
    createdAt: integer("created_at").notNull(),
    modifiedAt: integer("modified_at").notNull(),
  },
  (t) => [
    index("groups_plan_created").on(t.servicePlanId, t.createdAt),
    index("groups_plan_auto_update_to").on(t.servicePlanId, t.autoUpdateTo),
  ],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: text("group_id").notNull(),
    msisdn: text("msisdn").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.msisdn] })],
);

export type GroupRow = typeof groups.$inferSelect;
