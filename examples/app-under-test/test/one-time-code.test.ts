// The app's test under vitest: a real gateway in this process, the code read back from the simulated handset.
import { startTestGateway, type TestGateway } from "sinch-edge-gateway/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { SENDER, sendOneTimeCode } from "../src/one-time-code.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

test("texts a six-digit code to the phone", async () => {
  const { batchId, code } = await sendOneTimeCode(gateway.client, "+46701234567");
  await gateway.waitForReport(batchId, { status: "Delivered" });
  const [sms] = await gateway.simulator.messages("46701234567");
  expect(sms?.body).toBe(`Your Acme code is ${code}`);
  expect(sms?.body).toMatch(/\b\d{6}$/);
});

test("sends nothing to a number that replied STOP", async () => {
  await gateway.simulator.sendInbound({ from: "46701234568", to: SENDER, body: "STOP" });
  const { batchId } = await sendOneTimeCode(gateway.client, "+46701234568");
  const report = await gateway.waitForReport(batchId, { status: "Rejected" });
  expect(report.statuses).toMatchObject([{ status: "Rejected", code: 408, count: 1 }]);
  expect(await gateway.simulator.messages("46701234568")).toEqual([]);
});
