// One signed POST of a callback, measured: status or network error, latency, and the start of the answer.
import { signatureHeaders } from "../signature";

const TIMEOUT_MS = 5_000;
/** What the log keeps of a receiver's answer. */
export const RESPONSE_BYTES = 512;

export interface PostResult {
  status?: number;
  error?: string;
  latencyMs: number;
  /** The first RESPONSE_BYTES bytes of the body, as UTF-8 text (a cut character becomes U+FFFD). */
  response?: string;
}

/** Reads no more of the body than the log keeps, then lets the rest go. */
export async function firstBytes(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes.subarray(0, limit));
}

/**
 * Signed afresh, in real time: a receiver checks the signature's timestamp against its own clock, so a plan
 * whose clock was moved ahead (simulator) must not look stale or from the future. The body keeps plan time.
 */
export async function postCallback(url: string, body: string, secret: string): Promise<PostResult> {
  const started = Date.now();
  try {
    const headers = {
      "content-type": "application/json",
      ...(await signatureHeaders(secret, body, started)),
    };
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      // A redirect is an answer, not a new address to post to: it counts as a failed attempt.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await firstBytes(response.body, RESPONSE_BYTES).catch(() => "");
    return { status: response.status, latencyMs: Date.now() - started, response: text };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { error: error.slice(0, 200), latencyMs: Date.now() - started };
  }
}
