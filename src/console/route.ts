// Hash routing (#/batches/ID): the static asset server needs no fallback for deep links, and reloads keep the view.
import { signal } from "@preact/signals";

const current = () => window.location.hash.replace(/^#\/?/, "");

/** The path after `#/`, split into decoded segments: `["batches", "01J..."]`. */
export const route = signal<string[]>(split(current()));

function split(path: string): string[] {
  return path
    .split("/")
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
}

window.addEventListener("hashchange", () => {
  route.value = split(current());
});

/** The href of a view: `href("batches", id)` -> `#/batches/<id>`. */
export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join("/")}`;

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}
