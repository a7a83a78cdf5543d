// Queries: the simulator's record of received messages (idempotent per batch and recipient).
import { and, count, desc, eq, getTableColumns, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { recipients, type SimulatorMessageRow, simulatorMessages } from "./schema";

export type NewSimulatorMessage = Omit<SimulatorMessageRow, "submissions">;

/** Records messages; a repeated (batch, recipient) only counts another submission. */
export async function recordSimulatorMessages(db: Db, rows: NewSimulatorMessage[]): Promise<void> {
  if (rows.length === 0) return;
  await db.run(sql`INSERT INTO simulator_messages
      (batch_id, recipient, service_plan_id, "from", body, udh, encoding, parts, flash, status, code, received_at, submissions)
    SELECT json_extract(value, '$.batchId'), json_extract(value, '$.recipient'), json_extract(value, '$.servicePlanId'),
      json_extract(value, '$.from'), json_extract(value, '$.body'), json_extract(value, '$.udh'),
      json_extract(value, '$.encoding'), json_extract(value, '$.parts'), json_extract(value, '$.flash'),
      json_extract(value, '$.status'), json_extract(value, '$.code'), json_extract(value, '$.receivedAt'), 1
    FROM json_each(${JSON.stringify(rows.map((r) => ({ ...r, flash: r.flash ? 1 : 0 })))}) WHERE true
    ON CONFLICT (batch_id, recipient) DO UPDATE SET submissions = submissions + 1`);
}

export async function findSimulatorMessages(
  db: Db,
  keys: { batchId: string; recipient: string }[],
): Promise<SimulatorMessageRow[]> {
  if (keys.length === 0) return [];
  return db.all<SimulatorMessageRow>(sql`SELECT m.batch_id AS batchId, m.recipient, m.service_plan_id AS servicePlanId,
      m."from", m.body, m.udh, m.encoding, m.parts, m.flash, m.status, m.code, m.received_at AS receivedAt, m.submissions
    FROM simulator_messages m
    JOIN json_each(${JSON.stringify(keys.map((k) => [k.batchId, k.recipient]))}) j
      ON m.batch_id = json_extract(j.value, '$[0]') AND m.recipient = json_extract(j.value, '$[1]')`);
}

/**
 * The handsets' view: messages that reached a phone (an Aborted submission never left the network), each
 * with its recipient's current status and code, so a delivered message no longer shows as Dispatched.
 */
export async function listSimulatorMessages(
  db: Db,
  planId: string,
  to: string[] | undefined,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(simulatorMessages.servicePlanId, planId),
    ne(simulatorMessages.status, "Aborted"),
    to === undefined || to.length === 0 ? undefined : inList(simulatorMessages.recipient, to),
  );
  return countAndPage(
    db,
    db.select({ n: count() }).from(simulatorMessages).where(where),
    db
      .select({
        ...getTableColumns(simulatorMessages),
        status: sql<string>`coalesce(${recipients.status}, ${simulatorMessages.status})`,
        code: sql<number>`coalesce(${recipients.code}, ${simulatorMessages.code})`,
      })
      .from(simulatorMessages)
      .leftJoin(
        recipients,
        and(
          eq(recipients.batchId, simulatorMessages.batchId),
          eq(recipients.recipient, simulatorMessages.recipient),
        ),
      )
      .where(where)
      .orderBy(desc(simulatorMessages.receivedAt), simulatorMessages.recipient)
      .limit(pageSize)
      .offset(page * pageSize),
  );
}
