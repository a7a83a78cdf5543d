// The plan's settings (rate limit, callback URL, default originator, auto encoding, upstream) and token rotation,
// through the admin API: the plan's own token cannot change them, so this view asks for the admin token.
import { useState } from "preact/hooks";
import type { GatewayOutputs } from "../../rpc/client";
import { ErrorNotice } from "../components/notice";
import { SecretInput } from "../components/secret-input";
import { adminClient, describeError, session, signIn } from "../session";

type Plan = GatewayOutputs["admin"]["getServicePlan"];

export function Settings() {
  const [adminToken, setAdminToken] = useState("");
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const planId = session.value?.planId ?? "";
  const admin = () => adminClient(adminToken).admin;

  const attempt = async (run: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await run();
    } catch (e) {
      setError(describeError(e, { admin: true }));
    }
  };

  const load = (e: Event) => {
    e.preventDefault();
    void attempt(async () => setPlan(await admin().getServicePlan.query({ service_plan_id: planId })));
  };

  const save = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? null : value;
    };
    void attempt(async () => {
      const updated = await admin().updateServicePlan.mutate({
        service_plan_id: planId,
        rate_limit: Number(form.get("rate_limit")),
        callback_url: text("callback_url"),
        default_originator: text("default_originator"),
        auto_encoding: form.get("auto_encoding") === "on",
      });
      setPlan(updated);
      setMessage("Saved.");
    });
  };

  // A new token for this console, every other token of the plan revoked: apps using an old one must be updated.
  const rotate = () =>
    attempt(async () => {
      const issued = await admin().issueToken.mutate({ service_plan_id: planId });
      const tokens = await admin().listTokens.query({ service_plan_id: planId });
      for (const t of tokens) {
        if (t.token_id !== issued.token_id && !t.revoked_at) {
          await admin().revokeToken.mutate({ service_plan_id: planId, token_id: t.token_id });
        }
      }
      signIn({ planId, token: issued.api_token });
      setMessage(`New API token (shown once): ${issued.api_token}`);
    });

  return (
    <section>
      <h1>Settings</h1>
      <p>
        Settings change through the admin API: enter the admin token (<code>npm start</code> prints it) to see
        and edit them.
      </p>
      <form class="card inline" onSubmit={load}>
        <SecretInput label="Admin token" value={adminToken} onInput={setAdminToken} />
        <button type="submit">Load settings</button>
      </form>

      <ErrorNotice error={error} />
      {message && <p role="status">{message}</p>}
      {plan && (
        <form class="card" onSubmit={save} key={plan.modified_at}>
          <label>
            Rate limit (messages per second, 0 for none)
            <input
              name="rate_limit"
              type="number"
              min={0}
              max={100000}
              required
              defaultValue={String(plan.rate_limit)}
            />
          </label>
          <label>
            Callback URL
            <input name="callback_url" type="url" defaultValue={plan.callback_url ?? ""} />
          </label>
          <label>
            Default originator
            <input name="default_originator" defaultValue={plan.default_originator ?? ""} />
          </label>
          <label class="check">
            <input name="auto_encoding" type="checkbox" defaultChecked={plan.auto_encoding} />
            Auto encoding (replace characters that would force UCS-2 where a GSM-7 lookalike exists)
          </label>
          <p>
            Upstream:{" "}
            {plan.upstream.type === "simulator"
              ? "the built-in simulator"
              : `Sinch at ${plan.upstream.base_url} (plan ${plan.upstream.service_plan_id})`}
          </p>
          <div class="actions">
            <button type="submit" class="primary">
              Save settings
            </button>
            <button type="button" class="danger" onClick={rotate}>
              Rotate token
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
