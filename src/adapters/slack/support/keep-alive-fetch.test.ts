import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createKeepAliveFetch } from "./keep-alive-fetch.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server | undefined;

async function serve(handler: Handler): Promise<{ url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("createKeepAliveFetch", () => {
  it("posts the body and headers and returns a standard Response", async () => {
    const { url } = await serve((req, body, res) => {
      res.writeHead(201, "Made", { "content-type": "application/json", "x-seen": `${req.method} ${req.headers["content-type"]} ${req.headers["content-length"]}` });
      res.end(JSON.stringify({ echoed: body }));
    });
    const response = await createKeepAliveFetch()(`${url}/response/1`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"text":"你好"}' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made");
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-seen")).toBe("POST application/json 17");
    expect(await response.json()).toEqual({ echoed: '{"text":"你好"}' });
  });

  it("sends URLSearchParams and Headers objects as fetch would", async () => {
    const { url } = await serve((req, body, res) => res.end(`${req.headers["x-token"]}|${body}`));
    const response = await createKeepAliveFetch()(url, { method: "POST", headers: new Headers({ "x-token": "t1" }), body: new URLSearchParams({ channel: "C1", text: "a&b" }) });
    expect(await response.text()).toBe("t1|channel=C1&text=a%26b");
  });

  it("reuses one connection for consecutive requests", async () => {
    const { url, sockets } = await serve((_req, _body, res) => res.end("ok"));
    const keepAliveFetch = createKeepAliveFetch();
    for (let i = 0; i < 5; i++) expect(await (await keepAliveFetch(url, { method: "POST", body: "x" })).text()).toBe("ok");
    expect(sockets.size).toBe(1);
  });

  it("sends a request again on a new connection when a reused one was dropped", async () => {
    let requests = 0;
    const { url, sockets } = await serve((req, _body, res) => {
      requests += 1;
      // The second request arrives on the kept-alive socket: drop it as an idle-closing server would.
      if (requests === 2) return req.socket.destroy();
      res.end(`answer ${requests}`);
    });
    const keepAliveFetch = createKeepAliveFetch();
    expect(await (await keepAliveFetch(url, { method: "POST", body: "a" })).text()).toBe("answer 1");
    expect(await (await keepAliveFetch(url, { method: "POST", body: "b" })).text()).toBe("answer 3");
    expect(sockets.size).toBe(2);
  });

  it("fails like fetch when the server is unreachable, and does not retry a fresh connection", async () => {
    const { url } = await serve((req) => req.socket.destroy());
    await expect(createKeepAliveFetch()(url, { method: "POST", body: "a" })).rejects.toThrow(TypeError);
  });

  it("follows fetch's redirect modes", async () => {
    const { url } = await serve((req, _body, res) => {
      if (req.url === "/moved") {
        res.writeHead(307, { location: "/here" });
        return res.end();
      }
      res.end(`at ${req.url} by ${req.method}`);
    });
    const keepAliveFetch = createKeepAliveFetch();
    await expect(keepAliveFetch(`${url}/moved`, { method: "POST", body: "x", redirect: "error" })).rejects.toThrow(TypeError);
    expect((await keepAliveFetch(`${url}/moved`, { method: "POST", body: "x", redirect: "manual" })).status).toBe(307);
    // follow: handed to the global fetch, which repeats the POST at the new place.
    expect(await (await keepAliveFetch(`${url}/moved`, { method: "POST", body: "x" })).text()).toBe("at /here by POST");
  });

  it("hands bodies it does not send itself to the fallback fetch", async () => {
    const seen: unknown[] = [];
    const fallback = (async (...args: Parameters<typeof fetch>) => {
      seen.push(args[1]?.body);
      return new Response("from fallback");
    }) as typeof fetch;
    const form = new FormData();
    form.append("file", new Blob(["bytes"]), "a.txt");
    const response = await createKeepAliveFetch(fallback)("http://127.0.0.1:9/upload", { method: "POST", body: form });
    expect(await response.text()).toBe("from fallback");
    expect(seen).toEqual([form]);
  });

  it("rejects with the abort reason when the signal fires", async () => {
    const { url } = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const pending = createKeepAliveFetch()(url, { method: "POST", body: "x", signal: controller.signal });
    setTimeout(() => controller.abort(new Error("gave up")), 20);
    await expect(pending).rejects.toThrow("gave up");
  });

  it("returns a 204 without a body", async () => {
    const { url } = await serve((_req, _body, res) => {
      res.writeHead(204);
      res.end();
    });
    const response = await createKeepAliveFetch()(url, { method: "POST", body: "x" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });
});
