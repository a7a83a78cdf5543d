// A time in the viewer's zone, with the ISO value on hover and in the machine-readable datetime attribute.
const format = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

export function LocalTime({ iso }: { iso: string | undefined }) {
  if (!iso) return <span>—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {format.format(date)}
    </time>
  );
}
