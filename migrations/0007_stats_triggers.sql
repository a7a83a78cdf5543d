-- Per-plan statistics (plan_stats), counted by triggers: every writer (engine, cancel, expiry, webhooks, batch
-- update/replace) is covered without knowing of it, and each counter moves in the same transaction as the row
-- it counts. The bucket is the counted row's own time (recipients.at, inbounds.received_at) in whole minutes.
-- Self-contained: only plan_stats, recipients.parts_sent (0005_stats) and pre-existing tables are used.

-- accepted: one per recipient row written (send, update, replace, group expansion at dispatch).
CREATE TRIGGER `plan_stats_accepted` AFTER INSERT ON `recipients`
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    VALUES (new.service_plan_id, new.at / 60000, 'accepted', 0, 1)
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
-- A recipient removed before it was sent (update, replace, group change) is no longer accepted: its report
-- is gone too, so the counts keep adding up to the reports. Queued rows still carry their insert time.
CREATE TRIGGER `plan_stats_withdrawn` AFTER DELETE ON `recipients` WHEN old.status = 'Queued'
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    VALUES (old.service_plan_id, old.at / 60000, 'accepted', 0, -1)
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
-- dispatched (and its parts): leaving Queued for anything but a status that means it never left (unroutable
-- and other Aborted, Expired, Cancelled, opted out 408). A receipt may arrive in the same write as the
-- dispatch, so Queued -> Delivered counts as dispatched too.
CREATE TRIGGER `plan_stats_dispatched` AFTER UPDATE OF status ON `recipients`
  WHEN old.status = 'Queued' AND new.status NOT IN ('Queued', 'Aborted', 'Expired', 'Cancelled')
    AND NOT (new.status = 'Rejected' AND new.code = 408)
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    SELECT new.service_plan_id, new.at / 60000, 'dispatched', 0, 1
    UNION ALL
    SELECT new.service_plan_id, new.at / 60000, 'parts', 0, coalesce(new.parts_sent, new.number_of_message_parts)
      WHERE coalesce(new.parts_sent, new.number_of_message_parts) > 0
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
-- Final statuses by code (delivered, failed, rejected, aborted, expired, cancelled, ...): statuses only move
-- forward, so a row enters a final status once. Leaving one (only a hand edit can) takes its count back.
CREATE TRIGGER `plan_stats_final` AFTER UPDATE OF status ON `recipients`
  WHEN new.status != old.status AND (new.status NOT IN ('Queued', 'Dispatched') OR old.status NOT IN ('Queued', 'Dispatched'))
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    SELECT new.service_plan_id, new.at / 60000, lower(new.status), new.code, 1
      WHERE new.status NOT IN ('Queued', 'Dispatched')
    UNION ALL
    SELECT old.service_plan_id, old.at / 60000, lower(old.status), old.code, -1
      WHERE old.status NOT IN ('Queued', 'Dispatched')
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
-- inbound: one per stored MO (a repeated webhook inserts nothing, so counts nothing).
CREATE TRIGGER `plan_stats_inbound` AFTER INSERT ON `inbounds`
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    VALUES (new.service_plan_id, new.received_at / 60000, 'inbound', 0, 1)
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
