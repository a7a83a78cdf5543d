// A delivery status with its code, coloured by outcome (Delivered, pending, or any other final status).
const PENDING = new Set(["Queued", "Dispatched", "Unknown"]);

export function StatusBadge({ status, code }: { status: string; code?: number }) {
  const tone = status === "Delivered" ? "ok" : PENDING.has(status) ? "pending" : "bad";
  return (
    <span class={`badge ${tone}`}>
      {status}
      {code !== undefined && code !== 0 ? ` ${code}` : ""}
    </span>
  );
}
