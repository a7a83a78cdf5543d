// sinch-edge-gateway/testing as built into dist/: gateways in one process share nothing, and stop() leaves no
// process, port or temp folder behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startTestGateway } from "../../dist/testing.js";

/** Pids and names of this process's direct children (Linux /proc). */
function children() {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // "pid (name) state ppid ...": the name may hold spaces, so split after its closing parenthesis.
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === process.pid ? [{ pid: Number(pid), name }] : [];
      } catch {
        return []; // exited meanwhile
      }
    });
}

const listening = (url) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

describe("startTestGateway", () => {
  it("keeps two gateways in one process apart", async () => {
    const [a, b] = await Promise.all([startTestGateway(), startTestGateway()]);
    try {
      expect(a.url).not.toBe(b.url);
      const batch = await a.client.batches.send.mutate({
        from: "12345",
        to: ["46700000001"],
        body: "only on a",
      });
      await a.waitForReport(batch.id, { status: "Delivered" });
      expect((await a.client.batches.list.query()).count).toBe(1);
      expect((await b.client.batches.list.query()).count).toBe(0);
      expect(await a.simulator.messages("46700000001")).toHaveLength(1);
      expect(await b.simulator.messages("46700000001")).toEqual([]);
      // A's plan and token mean nothing to B.
      const res = await fetch(`${b.url}/xms/v1/${a.servicePlanId}/batches`, {
        headers: { authorization: `Bearer ${a.token}` },
      });
      expect(res.status).toBe(401);
      expect(a.adminToken).not.toBe(b.adminToken);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("waitForReport fails fast when a recipient ends in another final status", async () => {
    const gw = await startTestGateway();
    try {
      // The simulator fails numbers ending in 9500 (code 15).
      const batch = await gw.client.batches.send.mutate({ from: "12345", to: ["46701239500"], body: "x" });
      await expect(gw.waitForReport(batch.id, { status: "Delivered" })).rejects.toThrow(/1 Failed \(15\)/);
      const report = await gw.waitForReport(batch.id);
      expect(report.statuses).toMatchObject([{ status: "Failed", code: 15, count: 1 }]);
    } finally {
      await gw.stop();
    }
  });

  it("leaves no process, port or temp folder behind after stop()", async () => {
    const before = new Set(children().map((c) => c.pid));
    // Miniflare's scratch space goes under os.tmpdir(): point it at a folder of our own to see what is left.
    const savedTmp = process.env.TMPDIR;
    const scratch = mkdtempSync(path.join(tmpdir(), "testing-gateway-scratch-"));
    process.env.TMPDIR = scratch;
    let gw;
    try {
      gw = await startTestGateway();
    } finally {
      process.env.TMPDIR = savedTmp;
    }
    try {
      const spawned = children().filter((c) => !before.has(c.pid));
      expect(spawned.map((c) => c.name)).toContain("workerd");
      expect(await listening(gw.url)).toBe(true);

      const started = performance.now();
      await gw.stop();
      const stopMs = performance.now() - started;
      console.log(`stop() took ${stopMs.toFixed(0)} ms`);
      await gw.stop(); // a second call is harmless

      expect(children().filter((c) => !before.has(c.pid))).toEqual([]);
      expect(await listening(gw.url)).toBe(false);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      await gw.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
