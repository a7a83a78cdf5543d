// Engine log lines: one structured JSON line per engine event worth knowing, in the request log's style; silent when off.

export type EngineEvent =
  | {
      event: "dispatch_step";
      plan: string;
      /** Batches the step drew recipients from. */
      batches: number;
      /** Recipients taken off the line: submitted plus those ended before sending (opt-out, 405, 411). */
      recipients: number;
      submitted: number;
      ms: number;
    }
  | { event: "upstream_unavailable"; plan: string; retry_at: string; error: string }
  | {
      event: "callback_gave_up" | "callback_failed";
      plan: string;
      callback: string;
      url: string;
      /** The HTTP status, or the network error. */
      status: number | string | null;
      attempt: number;
    };

export type EngineLog = (entry: EngineEvent) => void;

/** `enabled` false (REQUEST_LOG "off", as in tests) drops every line. */
export function engineLog(enabled: boolean): EngineLog {
  if (!enabled) return () => undefined;
  return (entry) => {
    const line = JSON.stringify(entry);
    if (entry.event === "dispatch_step") console.log(line);
    else console.warn(line);
  };
}
