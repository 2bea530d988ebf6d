import { ErrorCode, type WebClient } from "@slack/web-api";
import { describe, expect, test } from "vitest";
import { SlackFileUploadError, uploadFilesToSlack, type UploadDependencies } from "./file-upload.js";

type Step = "reserve" | "bytes" | "complete";

/** A WebClient stand-in that records the three steps; `fail` makes one step throw. */
function stubSlack(options: { uploadUrl?: string; fail?: Partial<Record<Step, unknown>> } = {}) {
  const seen: { step: Step; args: unknown }[] = [];
  const client = {
    apiCall: async (method: string, args: Record<string, unknown>) => {
      seen.push({ step: "reserve", args: { method, ...args } });
      if (options.fail?.reserve) throw options.fail.reserve;
      return { ok: true, upload_url: options.uploadUrl ?? "https://files.slack.test/upload/v1/abc", file_id: "F0001" };
    },
    files: {
      completeUploadExternal: async (args: unknown) => {
        seen.push({ step: "complete", args });
        if (options.fail?.complete) throw options.fail.complete;
        return { ok: true, files: [{ id: "F0001", permalink: "https://slack.test/files/F0001" }] };
      },
    },
  } as unknown as WebClient;
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ step: "bytes", args: { url: String(url), headers: init?.headers, length: (init?.body as Uint8Array).byteLength } });
    if (options.fail?.bytes) throw options.fail.bytes;
    return new Response("OK", { status: 200 });
  }) as typeof fetch;
  const deps: UploadDependencies = { client, fetch: fetchStub, withRetries: (_method, call) => call() };
  return { deps, seen };
}

const request = { channelId: "D0PAT", files: [{ filename: "ar.png", data: new Uint8Array(3), title: "Receivables", altText: "Receivables chart" }], initialComment: "Receivables" };
const lost = Object.assign(new Error("socket hang up"), { code: ErrorCode.RequestError });
const refused = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });

describe("uploadFilesToSlack", () => {
  test("GIVEN Slack answers every step THEN reserve with alt_txt, bytes without the token, complete with channel and comment", async () => {
    const { deps, seen } = stubSlack();
    expect(await uploadFilesToSlack(deps, request)).toEqual([{ id: "F0001", title: "Receivables", permalink: "https://slack.test/files/F0001" }]);
    expect(seen).toEqual([
      { step: "reserve", args: { method: "files.getUploadURLExternal", filename: "ar.png", length: 3, alt_txt: "Receivables chart" } },
      { step: "bytes", args: { url: "https://files.slack.test/upload/v1/abc", headers: { "Content-Type": "application/octet-stream" }, length: 3 } },
      { step: "complete", args: { files: [{ id: "F0001", title: "Receivables" }], channel_id: "D0PAT", initial_comment: "Receivables" } },
    ]);
  });

  test.each<[string, Partial<Record<Step, unknown>>, unknown]>([
    ["a refusal when reserving", { reserve: refused("missing_scope") }, { kind: "refused", error: "missing_scope" }],
    ["no answer when reserving", { reserve: lost }, { kind: "failed", reason: "socket hang up" }],
    ["no answer to the bytes", { bytes: new Error("ECONNRESET") }, { kind: "failed", reason: "upload_url did not answer: ECONNRESET" }],
    ["a refusal when sharing", { complete: refused("not_in_channel") }, { kind: "refused", error: "not_in_channel" }],
    ["no answer when sharing", { complete: lost }, { kind: "unknown", reason: "socket hang up" }],
    ["a 429 to the end when sharing", { complete: Object.assign(new Error("rate limited"), { code: ErrorCode.RateLimitedError, retryAfter: 1 }) }, { kind: "failed", reason: "rate limited" }],
  ])("GIVEN %s THEN the failure says whether anything may be shared", async (_name, fail, failure) => {
    const { deps } = stubSlack({ fail });
    const error = await uploadFilesToSlack(deps, request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlackFileUploadError);
    expect((error as SlackFileUploadError).failure).toEqual(failure);
  });

  test.each([
    ["plain http elsewhere", "http://evil.example/upload", undefined],
    ["plain http on another origin than the API", "http://127.0.0.1:9/upload", "http://127.0.0.1:8"],
  ])("GIVEN an upload_url on %s THEN no bytes are sent", async (_name, uploadUrl, allowedHttpOrigin) => {
    const { deps, seen } = stubSlack({ uploadUrl });
    const error = await uploadFilesToSlack({ ...deps, ...(allowedHttpOrigin ? { allowedHttpOrigin } : {}) }, request).catch((caught: unknown) => caught);
    expect((error as SlackFileUploadError).failure).toMatchObject({ kind: "failed", reason: expect.stringContaining("refusing to send file bytes") });
    expect(seen.map((entry) => entry.step)).toEqual(["reserve"]);
  });

  test("GIVEN the API's own http origin (a local fake) THEN bytes may go there", async () => {
    const { deps, seen } = stubSlack({ uploadUrl: "http://127.0.0.1:8/upload/v1/x" });
    await uploadFilesToSlack({ ...deps, allowedHttpOrigin: "http://127.0.0.1:8" }, request);
    expect(seen.map((entry) => entry.step)).toEqual(["reserve", "bytes", "complete"]);
  });

  test("GIVEN a retry policy THEN reserving and bytes may retry after a lost answer, sharing may not", async () => {
    const { deps } = stubSlack();
    const policies: [string, boolean][] = [];
    await uploadFilesToSlack({ ...deps, withRetries: (method, call, options) => (policies.push([method, options.afterLostResponse]), call()) }, request);
    expect(policies).toEqual([
      ["files.getUploadURLExternal", true],
      ["upload_url", true],
      ["files.completeUploadExternal", false],
    ]);
  });
});
