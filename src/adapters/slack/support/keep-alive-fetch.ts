/**
 * The `fetch` that Bolt and the Web API client are given (their `clientOptions.fetch`): every
 * reply to a `response_url` and every Web API call is a small POST, and undici's WHATWG machinery
 * costs about twice the CPU of node:http on a kept-alive socket (0.36 against 0.16 ms per POST of
 * a reply on loopback): the reply's POST is on every command's path.
 *
 * Plain requests (a string, bytes or URLSearchParams body) take that path; anything else (a
 * FormData upload, a stream, a Request object) goes to the global fetch unchanged. Redirects
 * follow fetch's rules: `redirect: "error"` fails, `manual` returns the 3xx, and `follow` repeats
 * the request through the global fetch, which follows it (the 3xx says nothing was done yet).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

type FetchArgs = Parameters<typeof fetch>;

/** Idle sockets are closed before Slack's side is likely to close them (fewer resets on reuse). */
const SOCKET_OPTIONS = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 30_000 };
/** A request that has not answered for this long fails, as undici's header timeout would (sooner). */
const RESPONSE_TIMEOUT_MS = 60_000;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

type PlainBody = string | Uint8Array | undefined;

function plainBody(body: RequestInit["body"]): PlainBody | null {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return body;
  return null;
}

function plainHeaders(headers: RequestInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers).entries());
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

function toResponse(incoming: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  const status = incoming.statusCode ?? 500;
  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText: incoming.statusMessage ?? "", headers });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

export function createKeepAliveFetch(fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const httpAgent = new HttpAgent(SOCKET_OPTIONS);
  const httpsAgent = new HttpsAgent(SOCKET_OPTIONS);

  const send = (url: URL, method: string, headers: Record<string, string>, body: PlainBody, signal: AbortSignal | undefined, retried: boolean): Promise<Response> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const secure = url.protocol === "https:";
      const length = body === undefined ? undefined : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      const outgoing = (secure ? httpsRequest : httpRequest)(url, { method, headers: { ...headers, ...(length === undefined ? {} : { "content-length": String(length) }) }, agent: secure ? httpsAgent : httpAgent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.once("error", fail);
        incoming.once("end", () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(toResponse(incoming, Buffer.concat(chunks)));
        });
      });
      let answered = false;
      outgoing.once("response", () => (answered = true));
      function fail(error: unknown) {
        signal?.removeEventListener("abort", onAbort);
        // A kept-alive socket the other side closed while idle fails at once, before the request
        // was read: that one request is sent again on a new connection (Node's documented remedy).
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        if (!retried && !answered && outgoing.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) {
          send(url, method, headers, body, signal, true).then(resolve, reject);
          return;
        }
        reject(new TypeError("fetch failed", { cause: error }));
      }
      function onAbort() {
        outgoing.destroy();
        reject(abortError(signal!));
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      outgoing.setTimeout(RESPONSE_TIMEOUT_MS, () => outgoing.destroy(Object.assign(new Error(`No answer from ${url.host} within ${RESPONSE_TIMEOUT_MS} ms`), { code: "ETIMEDOUT" })));
      outgoing.once("error", fail);
      outgoing.end(body);
    });

  return async (...[input, init]: FetchArgs): Promise<Response> => {
    const body = plainBody(init?.body);
    const method = (init?.method ?? "GET").toUpperCase();
    if (!(typeof input === "string" || input instanceof URL) || body === null || !["GET", "POST"].includes(method)) return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fallback(input, init);
    const response = await send(url, method, plainHeaders(init?.headers), body, init?.signal ?? undefined, false);
    if (response.status < 300 || response.status >= 400 || !response.headers.has("location")) return response;
    if (init?.redirect === "manual") return response;
    if (init?.redirect === "error") throw new TypeError("fetch failed", { cause: new Error(`unexpected redirect to ${response.headers.get("location")}`) });
    return fallback(input, init);
  };
}
