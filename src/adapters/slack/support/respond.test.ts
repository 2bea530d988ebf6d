import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RespondError } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { createKeepAliveTransport } from "./keep-alive-fetch.js";
import { respondVia } from "./respond.js";

type Seen = { method: string; path: string; contentType: string | undefined; body: string };

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", path: req.url ?? "", contentType: req.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("respondVia", () => {
  it("should POST the message as JSON to the response_url, as Bolt's respond does", async () => {
    const { url, seen } = await serve((_req, res) => res.end("ok"));
    const respond = respondVia(createKeepAliveTransport().postJson, `${url}/response/1`);
    await respond({ response_type: "ephemeral", text: "你好", blocks: [] });
    await respond("plain words");
    expect(seen).toEqual([
      { method: "POST", path: "/response/1", contentType: "application/json", body: '{"response_type":"ephemeral","text":"你好","blocks":[]}' },
      { method: "POST", path: "/response/1", contentType: "application/json", body: '{"text":"plain words"}' },
    ]);
  });

  it("should reject with Bolt's RespondError when Slack refuses the reply", async () => {
    const { url } = await serve((_req, res) => res.writeHead(404, "Not Found").end("expired_url"));
    const failure = await respondVia(createKeepAliveTransport().postJson, `${url}/response/old`)("late").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RespondError);
    expect(failure).toMatchObject({ statusCode: 404, message: "Failed to respond to the response_url: 404 Not Found" });
  });

  it("should follow a redirect as the kept-alive fetch does (the request again through the global fetch)", async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.url === "/response/moved") res.writeHead(307, { location: "/response/here" }).end();
      else res.end("ok");
    });
    const transport = createKeepAliveTransport();
    await respondVia(transport.postJson, `${url}/response/moved`)({ text: "hi" });
    const viaRespond = seen.splice(0);
    await transport.fetch(`${url}/response/moved`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"text":"hi"}' });
    expect(viaRespond).toEqual(seen);
    expect(viaRespond.map(({ path, body }) => `${path} ${body}`)).toEqual(['/response/moved {"text":"hi"}', '/response/moved {"text":"hi"}', '/response/here {"text":"hi"}']);
  });
});
