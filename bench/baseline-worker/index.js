// The control for the memory bench: a Worker that only answers, run by the same wrangler dev as the gateway.
export default {
  fetch: () => Response.json({ status: "ok" }),
};
