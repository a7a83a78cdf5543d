-- Callback attempts counted per plan and minute, in the same write that logs the attempt (2xx: ok; anything else: failed).
CREATE TRIGGER `plan_stats_callback_attempt` AFTER INSERT ON `callback_attempts`
BEGIN
  INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    SELECT c.service_plan_id, new.at / 60000,
      CASE WHEN new.status BETWEEN 200 AND 299 THEN 'callback_ok' ELSE 'callback_failed' END, 0, 1
    FROM callbacks c WHERE c.id = new.callback_id
    ON CONFLICT (service_plan_id, minute, metric, code) DO UPDATE SET count = count + excluded.count;
END;
