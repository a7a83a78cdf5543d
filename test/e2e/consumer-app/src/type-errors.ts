// Lines the compiler must reject: each `@ts-expect-error` fails the build if its line compiles, so the types are real.
import {
  type AppRouter,
  createGatewayClient,
  type GatewayInputs,
  type GatewayOutputs,
  isGatewayError,
  TRPCClientError,
} from "sinch-edge-gateway/client";

const gateway = createGatewayClient({ url: "http://127.0.0.1:8787", servicePlanId: "plan", token: "token" });

export async function mistakes(): Promise<void> {
  await gateway.batches.send.mutate({
    from: "12345",
    to: ["46701234567"],
    body: "Hi",
    // @ts-expect-error a misspelled field
    delivery_reprot: "full",
  });
  // @ts-expect-error a number where a string belongs
  await gateway.batches.send.mutate({ from: "12345", to: ["46701234567"], body: 42 });
  // @ts-expect-error an unknown procedure
  await gateway.batches.sendd.mutate({ from: "12345", to: ["46701234567"], body: "Hi" });
  // @ts-expect-error a query called as a mutation
  await gateway.batches.list.mutate({});
  // @ts-expect-error a required option is missing
  createGatewayClient({ url: "http://127.0.0.1:8787", servicePlanId: "plan" });

  const batch = await gateway.batches.send.mutate({ from: "12345", to: ["46701234567"], body: "Hi" });
  // @ts-expect-error the batch id is a string
  const id: number = batch.id;
  void id;
  try {
    await gateway.groups.get.query({ group_id: "nope" });
  } catch (e) {
    if (isGatewayError(e)) {
      // @ts-expect-error the code is one of Sinch's codes
      const code: "no_such_code" = e.code;
      const status: number = e.httpStatus;
      void [code, status];
    }
  }
}

// What the helper types give, checked by assignment both ways.
export const input: GatewayInputs["batches"]["send"] = { from: "12345", to: ["46701234567"], body: "Hi" };
export const status: GatewayOutputs["deliveryReports"]["byBatch"]["statuses"][number]["status"] = "Delivered";
// @ts-expect-error not a delivery status
export const badStatus: GatewayOutputs["deliveryReports"]["byBatch"]["statuses"][number]["status"] = "Sent";
export const errorClass: typeof TRPCClientError<AppRouter> = TRPCClientError;
