// The one way to reach a plan's send queue: names its Durable Object, the seam for sharding later.
export function sendQueueFor(env: Env, servicePlanId: string) {
  return env.SEND_QUEUE.get(env.SEND_QUEUE.idFromName(`plan:${servicePlanId}`));
}
