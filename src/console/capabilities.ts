// Which optional gateway features this deployment has (statistics, callback log), read from its OpenAPI document.
// The console checks before calling, so a gateway without them shows a clear note instead of failed requests.
import { signal } from "@preact/signals";

export interface Capabilities {
  stats: boolean;
  callbacks: boolean;
}

export const capabilities = signal<Capabilities | null>(null);

let started = false;

/** Fetches /openapi.json once per page load (public, cached by the browser for five minutes). */
export function loadCapabilities(): void {
  if (started) return;
  started = true;
  fetch("/openapi.json")
    .then((res) => (res.ok ? (res.json() as Promise<{ paths?: Record<string, unknown> }>) : { paths: {} }))
    .then((doc) => {
      const paths = Object.keys(doc.paths ?? {});
      capabilities.value = {
        stats: paths.some((p) => p.endsWith("/stats")),
        callbacks: paths.some((p) => p.endsWith("/callbacks")),
      };
    })
    .catch(() => {
      capabilities.value = { stats: false, callbacks: false };
    });
}
