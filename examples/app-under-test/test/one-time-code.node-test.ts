// The same test under node:test (Node 22.18+ runs .ts files as they are): `node --test test/one-time-code.node-test.ts`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestGateway, type TestGateway } from "sinch-edge-gateway/testing";
import { SENDER, sendOneTimeCode } from "../src/one-time-code.ts";

let gateway: TestGateway;
before(async () => {
  gateway = await startTestGateway();
});
after(() => gateway.stop());

test("texts a six-digit code to the phone", async () => {
  const { batchId, code } = await sendOneTimeCode(gateway.client, "+46701234567");
  await gateway.waitForReport(batchId, { status: "Delivered" });
  const [sms] = await gateway.simulator.messages("46701234567");
  assert.equal(sms?.body, `Your Acme code is ${code}`);
  assert.match(sms.body, /\b\d{6}$/);
});

test("sends nothing to a number that replied STOP", async () => {
  await gateway.simulator.sendInbound({ from: "46701234568", to: SENDER, body: "STOP" });
  const { batchId } = await sendOneTimeCode(gateway.client, "+46701234568");
  const report = await gateway.waitForReport(batchId, { status: "Rejected" });
  assert.deepEqual(
    report.statuses.map(({ status, code, count }) => ({ status, code, count })),
    [{ status: "Rejected", code: 408, count: 1 }],
  );
  assert.deepEqual(await gateway.simulator.messages("46701234568"), []);
});
