// The navigation bar: one link per view (the current one marked), the live/polling state and sign out.
import { liveMode } from "../live";
import { href, route } from "../route";
import { session, signOut } from "../session";

const LINKS = [
  ["overview", "Overview"],
  ["batches", "Batches"],
  ["compose", "Compose"],
  ["handsets", "Handsets"],
  ["inbounds", "Inbounds"],
  ["groups", "Groups"],
  ["opt-outs", "Opt-outs"],
  ["callbacks", "Callbacks"],
  ["settings", "Settings"],
] as const;

export function Nav() {
  const current = route.value[0] ?? "batches";
  return (
    <header class="top">
      <button type="button" class="skip link" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <div class="brand">
        <strong>SMS gateway</strong>
        <span class="plan" title="Service plan ID">
          {session.value?.planId}
        </span>
        <span class={`live ${liveMode.value}`} title="How this page gets updates">
          {liveMode.value === "live" ? "● Live" : "○ Polling"}
        </span>
        <button type="button" class="link" onClick={() => signOut()}>
          Sign out
        </button>
      </div>
      <nav aria-label="Views">
        <ul>
          {LINKS.map(([path, label]) => (
            <li key={path}>
              <a href={href(path)} aria-current={current === path ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
