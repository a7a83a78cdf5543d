// Timestamps: ISO-8601 in (no offset means UTC), UTC with milliseconds out, epoch ms inside.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an ISO-8601 date or date-time to epoch ms; undefined when it is not one. */
export function parseIsoTime(value: string): number | undefined {
  const trimmed = value.trim();
  let normalized: string;
  if (ISO_DATE.test(trimmed)) normalized = `${trimmed}T00:00:00Z`;
  else {
    const match = ISO_DATE_TIME.exec(trimmed);
    if (!match) return undefined;
    normalized = trimmed.replace(" ", "T");
    if (!match[1]) normalized += "Z";
    else if (/^[+-]\d{2}$/.test(match[1])) normalized += ":00";
    else if (/^[+-]\d{4}$/.test(match[1])) normalized = `${normalized.slice(0, -2)}:${normalized.slice(-2)}`;
  }
  if (!isCalendarDate(trimmed.slice(0, 10))) return undefined;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Date.parse rolls 2026-02-30 over to March 2: a day past the month's end is refused instead. */
function isCalendarDate(ymd: string): boolean {
  const [y = 0, m = 0, d = 0] = ymd.split("-").map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const isIsoTime = (value: string): boolean => parseIsoTime(value) !== undefined;

export const toIso = (ms: number): string => new Date(ms).toISOString();

export const toIsoOrUndefined = (ms: number | null | undefined): string | undefined =>
  ms === null || ms === undefined ? undefined : toIso(ms);

export const DAY_MS = 86_400_000;
/** A whole minute: statistics number minutes as epoch ms / MINUTE_MS. */
export const MINUTE_MS = 60_000;

export const DAY_MINUTES = DAY_MS / MINUTE_MS;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** The last day formatted by minuteToIso: its number and ISO date part up to the "T". */
let lastDay = { index: Number.NaN, prefix: "" };

/**
 * The ISO text of a whole minute (epoch ms / 60,000), equal to toIso(minute * 60,000). The date part is
 * formatted once per day: a day of minute statistics names 1,440 minutes.
 */
export function minuteToIso(minute: number): string {
  const index = Math.floor(minute / DAY_MINUTES);
  if (index !== lastDay.index) {
    const iso = toIso(index * DAY_MS);
    lastDay = { index, prefix: iso.slice(0, iso.indexOf("T") + 1) };
  }
  const inDay = minute - index * DAY_MINUTES;
  return `${lastDay.prefix}${pad2(Math.floor(inDay / 60))}:${pad2(inDay % 60)}:00.000Z`;
}
