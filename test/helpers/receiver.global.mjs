// Vitest global setup (Node): a real HTTP callback receiver on localhost that records calls and can fail on purpose.
import { createServer } from "node:http";

/**
 * POST /<inbox>?fail=<status>&times=<n> records the call, answers <status> for the first n calls to
 * that inbox and 200 after (with a body of <reply_bytes> bytes, if given). GET /__calls/<inbox> returns what the inbox received.
 */
export default async function setup(project) {
  const inboxes = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET" && url.pathname.startsWith("/__calls/")) {
        const calls = inboxes.get(url.pathname.slice("/__calls/".length)) ?? [];
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(calls));
        return;
      }
      const inbox = url.pathname.slice(1);
      const calls = inboxes.get(inbox) ?? [];
      inboxes.set(inbox, calls);
      const failures = Number(url.searchParams.get("times") ?? "0");
      const status = calls.length < failures ? Number(url.searchParams.get("fail")) : 200;
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status).end("r".repeat(Number(url.searchParams.get("reply_bytes") ?? "0")));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  project.provide("receiverUrl", `http://127.0.0.1:${port}`);
  return () => new Promise((resolve) => server.close(resolve));
}
