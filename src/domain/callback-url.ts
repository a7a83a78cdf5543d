// Where callbacks may go: public http(s) URLs only, never this gateway itself, private networks only when allowed.
export const MAX_CALLBACK_URL_LENGTH = 2048;

export interface CallbackPolicy {
  /** CALLBACK_ALLOW_PRIVATE="true": loopback and private addresses are allowed (local development). */
  allowPrivate: boolean;
  /** This gateway's own hosts (`host[:port]`, lower case): a callback there would loop. */
  ownHosts: string[];
}

/** Outside a request (unit tests, scripts) the strictest policy holds. */
const STRICT: CallbackPolicy = { allowPrivate: false, ownHosts: [] };

const hostOf = (url: string | undefined): string | undefined => {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).host.toLowerCase();
};

/** The policy of one request: its own host and PUBLIC_URL's are the gateway's. */
export function callbackPolicyFor(env: Partial<Env>, requestUrl?: string): CallbackPolicy {
  const ownHosts = [hostOf(requestUrl), hostOf(env.PUBLIC_URL)].filter((h): h is string => h !== undefined);
  return { allowPrivate: env.CALLBACK_ALLOW_PRIVATE === "true", ownHosts };
}

/**
 * Where the policy of the request being handled comes from: the Worker installs a source that reads its
 * request scope (src/worker/callback-policy.ts), so the one zod schema of a callback_url enforces it for
 * REST and tRPC alike without threading the Worker's env through every service.
 */
let policySource: () => CallbackPolicy | undefined = () => undefined;

export function setCallbackPolicySource(source: () => CallbackPolicy | undefined): void {
  policySource = source;
}

export const currentCallbackPolicy = (): CallbackPolicy => policySource() ?? STRICT;

/** Why `url` (already WHATWG-parsed) may not receive callbacks under `policy`; undefined when it may. */
export function callbackUrlProblem(url: URL, policy: CallbackPolicy): string | undefined {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username !== "" || url.password !== "") return "must not contain user info";
  if (url.href.length > MAX_CALLBACK_URL_LENGTH)
    return `must be at most ${MAX_CALLBACK_URL_LENGTH} characters`;
  const host = url.host.toLowerCase().replace(/\.(?=:|$)/, "");
  if (policy.ownHosts.includes(host)) return "must not point at this gateway";
  if (!policy.allowPrivate && isNonPublicHost(url.hostname))
    return "must not point at a loopback, private, link-local or unspecified address";
  return undefined;
}

/** A WHATWG-parsed hostname: IPv4 is already dotted decimal (127.1, 0x7f000001 and 2130706433 alike). */
export function isNonPublicHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name.startsWith("[")) return isNonPublicIpv6(name.slice(1, -1));
  const v4 = ipv4(name);
  return v4 !== undefined && isNonPublicIpv4(v4);
}

function ipv4(name: string): number[] | undefined {
  const parts = name.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function isNonPublicIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0 unspecified
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT 100.64/10
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Eight 16-bit groups of an IPv6 address as the WHATWG parser prints it (compressed, hex, no zone). */
function ipv6Groups(text: string): number[] | undefined {
  const [head = "", tail, extra] = text.split("::");
  if (extra !== undefined) return undefined;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

function isNonPublicIpv6(text: string): boolean {
  const g = ipv6Groups(text);
  if (!g) return true; // Not understood: refuse rather than guess.
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  const firstFiveZero = g.slice(0, 5).every((x) => x === 0);
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 <= 1) return true; // :: and ::1
  if (firstFiveZero && (g5 === 0xffff || g5 === 0)) return isNonPublicIpv4(embeddedV4); // mapped / compatible
  if (g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return isNonPublicIpv4(embeddedV4); // NAT64
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g0 & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g0 & 0xff00) === 0xff00 // multicast
  );
}
