import { describe, expect, test } from "vitest";
import { downloadAttachment, isTrustedAttachmentUrl } from "./attachment-download.js";

const CDN = "https://cdn.discordapp.com/ephemeral-attachments/1/2/chart.png?ex=1&is=2&hm=3&";

function stub(response: () => Response | Promise<Response>): typeof fetch {
  return (async () => response()) as typeof fetch;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

const base = { maxBytes: 10, trustedOrigins: [] as string[] };

describe("downloadAttachment", () => {
  test("GIVEN Discord's CDN, the configured origin or anything else THEN only the first two are fetched", () => {
    expect(isTrustedAttachmentUrl(CDN, [])).toBe(true);
    expect(isTrustedAttachmentUrl("https://media.discordapp.net/attachments/1/2/a.png", [])).toBe(true);
    expect(isTrustedAttachmentUrl("http://cdn.discordapp.com/attachments/1/2/a.png", [])).toBe(false);
    expect(isTrustedAttachmentUrl("https://cdn.discordapp.com.evil.example/a.png", [])).toBe(false);
    expect(isTrustedAttachmentUrl("http://127.0.0.1:4000/attachments/1/2/a.png", ["http://127.0.0.1:4000"])).toBe(true);
    expect(isTrustedAttachmentUrl("http://169.254.169.254/latest/meta-data", ["http://127.0.0.1:4000"])).toBe(false);
    expect(isTrustedAttachmentUrl("not a url", [])).toBe(false);
  });

  test("GIVEN an untrusted URL THEN nothing is fetched", async () => {
    let fetched = false;
    const result = await downloadAttachment("https://evil.example/a.png", { ...base, signal: new AbortController().signal, fetchImpl: stub(() => ((fetched = true), new Response("x"))) });
    expect(result).toEqual({ ok: false, reason: "untrusted" });
    expect(fetched).toBe(false);
  });

  test("GIVEN a 2xx within the cap THEN the bytes", async () => {
    const result = await downloadAttachment(CDN, { ...base, signal: new AbortController().signal, fetchImpl: stub(() => new Response(new Uint8Array([1, 2, 3]))) });
    expect(result.ok && [...result.data]).toEqual([1, 2, 3]);
  });

  test("GIVEN a 404 (expired link) THEN a failure, never the error page as the file", async () => {
    const result = await downloadAttachment(CDN, { ...base, signal: new AbortController().signal, fetchImpl: stub(() => new Response("This content is no longer available.", { status: 404 })) });
    expect(result).toEqual({ ok: false, reason: "unavailable", detail: "HTTP 404" });
  });

  test("GIVEN a body over the cap, declared or not THEN too-large", async () => {
    const declared = await downloadAttachment(CDN, {
      ...base,
      signal: new AbortController().signal,
      fetchImpl: stub(() => new Response(new Uint8Array(11), { headers: { "content-length": "11" } })),
    });
    expect(declared).toEqual({ ok: false, reason: "too-large" });
    const streamed = await downloadAttachment(CDN, {
      ...base,
      signal: new AbortController().signal,
      fetchImpl: stub(() => new Response(streamOf([new Uint8Array(6), new Uint8Array(6)]))),
    });
    expect(streamed).toEqual({ ok: false, reason: "too-large" });
  });

  test("GIVEN the deadline passes THEN timeout; GIVEN a network error THEN unavailable", async () => {
    const controller = new AbortController();
    const hanging: typeof fetch = (async (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))) as typeof fetch;
    const pending = downloadAttachment(CDN, { ...base, signal: controller.signal, fetchImpl: hanging });
    controller.abort();
    expect(await pending).toEqual({ ok: false, reason: "timeout" });
    const refused = await downloadAttachment(CDN, { ...base, signal: new AbortController().signal, fetchImpl: stub(() => Promise.reject(new TypeError("fetch failed"))) });
    expect(refused).toEqual({ ok: false, reason: "unavailable", detail: "fetch failed" });
  });
});
