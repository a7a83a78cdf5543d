// Error, empty and loading states: each says what happened and what to do next.
import type { ComponentChildren } from "preact";

export function ErrorNotice({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="notice error" role="alert">
      {error}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="notice empty">{children}</p>;
}

export function Loading() {
  return (
    <p class="notice" aria-live="polite">
      Loading…
    </p>
  );
}
