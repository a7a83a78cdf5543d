// Sign in with a plan's id and API token (checked with one call), or with the admin token to pick or create a plan.
import { useState } from "preact/hooks";
import { createGatewayClient, type GatewayOutputs, isGatewayError } from "../../rpc/client";
import { ErrorNotice } from "../components/notice";
import { SecretInput } from "../components/secret-input";
import { adminClient, signIn, signOutReason } from "../session";

type PlanSummary = GatewayOutputs["admin"]["listServicePlans"]["service_plans"][number];

const explain = (error: unknown, what: string) =>
  isGatewayError(error) && error.httpStatus === 401
    ? `The gateway refused the ${what}. Check it (npm start prints it) and try again.`
    : isGatewayError(error)
      ? `${error.text} (${error.code})`
      : "The gateway did not answer. Is it running?";

export function SignIn() {
  const [planId, setPlanId] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // One cheap call proves the pair before it is kept.
      const probe = createGatewayClient({ url: window.location.origin, servicePlanId: planId.trim(), token });
      await probe.optOuts.list.query({ page_size: 1 });
      signIn({ planId: planId.trim(), token });
      if (!window.location.hash || window.location.hash === "#/") window.location.hash = "#/batches";
    } catch (e) {
      setError(explain(e, "service plan ID or API token"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>SMS gateway console</h1>
      <ErrorNotice error={signOutReason.value} />
      <form onSubmit={submit} class="card">
        <h2>Sign in to a service plan</h2>
        <label>
          Service plan ID
          <input
            name="plan"
            required
            autocomplete="username"
            value={planId}
            onInput={(e) => setPlanId(e.currentTarget.value)}
          />
        </label>
        <label>
          API token
          <input
            name="token"
            type="password"
            required
            autocomplete="current-password"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <AdminPicker />
    </main>
  );
}

/** With the admin token: list plans, or create one; either way a fresh API token is issued and used. */
function AdminPicker() {
  const [adminToken, setAdminToken] = useState("");
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [name, setName] = useState("console");
  const [error, setError] = useState<string | null>(null);

  const load = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const list = await adminClient(adminToken).admin.listServicePlans.query({ page_size: 50 });
      setPlans(list.service_plans);
    } catch (e) {
      setError(explain(e, "admin token"));
    }
  };

  const use = async (planId: string) => {
    setError(null);
    try {
      const issued = await adminClient(adminToken).admin.issueToken.mutate({ service_plan_id: planId });
      signIn({ planId, token: issued.api_token });
      window.location.hash = "#/batches";
    } catch (e) {
      setError(explain(e, "admin token"));
    }
  };

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const plan = await adminClient(adminToken).admin.createServicePlan.mutate({ name });
      signIn({ planId: plan.service_plan_id, token: plan.api_token });
      window.location.hash = "#/batches";
    } catch (e) {
      setError(explain(e, "admin token"));
    }
  };

  return (
    <details class="card">
      <summary>Use the admin token instead</summary>
      <form onSubmit={load}>
        <SecretInput label="Admin token" value={adminToken} onInput={setAdminToken} />
        <button type="submit">List service plans</button>
      </form>
      <ErrorNotice error={error} />
      {plans && (
        <>
          <ul class="plain">
            {plans.length === 0 && <li>No service plans yet: create one below.</li>}
            {plans.map((plan) => (
              <li key={plan.service_plan_id}>
                <button type="button" class="link" onClick={() => use(plan.service_plan_id)}>
                  Use {plan.name} ({plan.service_plan_id})
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={create} class="inline">
            <label>
              New plan name
              <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <button type="submit">Create plan</button>
          </form>
        </>
      )}
    </details>
  );
}
