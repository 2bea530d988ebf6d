/**
 * Slack's file upload flow, step by step, so each step gets the retry it can afford:
 *
 * 1. `files.getUploadURLExternal` (filename, length, alt_txt) -> an upload_url and a file id.
 * 2. POST the bytes to upload_url. Until step 3 the file is shared nowhere.
 * 3. `files.completeUploadExternal` (files=[{id,title}], channel_id, initial_comment) shares it.
 *
 * Steps 1 and 2 share nothing, so a lost response or a 5xx there is retried (at worst Slack keeps
 * an unshared upload it discards). Step 3 is the one that shares: like chat.postMessage it has no
 * idempotency key, so after a lost response it is NOT retried (the file may already be in the
 * channel); only a 429 (Slack did nothing) is retried after Retry-After.
 *
 * Why not `WebClient.filesUploadV2`: it runs the same three calls but (@slack/web-api 8.2) sends
 * the alt text as `alt_text` where Slack's method takes `alt_txt`, and it reports a failure
 * without saying which step failed, so a retry could not tell "nothing shared yet" from "maybe
 * shared". Steps 1 and 3 still go through the SDK's WebClient; step 2 is one fetch.
 */
import { ErrorCode, type FilesCompleteUploadExternalResponse, type FilesGetUploadURLExternalResponse, type WebClient } from "@slack/web-api";

/**
 * Largest file Rapport uploads to Slack. Slack accepts up to 1 GB, but the bytes are held in
 * memory (and kept for the Share button), and a spreadsheet that size helps nobody in chat; the
 * core's exports stop at the same size.
 */
export const MAX_SLACK_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Slack's limit for alt_txt (alt_txt_too_large beyond it). */
export const SLACK_ALT_TEXT_MAX = 1000;
/** A file title longer than this is shortened (Slack shows it as the file's heading). */
export const SLACK_FILE_TITLE_MAX = 250;

export type UploadFile = {
  filename: string;
  data: Uint8Array;
  title: string;
  /** Only for images: Slack documents alt_txt as the image description for screen readers. */
  altText?: string;
};

export type UploadRequest = { channelId: string; files: UploadFile[]; initialComment?: string; threadTs?: string };

export type UploadedFile = { id: string; title: string; permalink?: string };

/**
 * How an upload failed:
 * - refused: Slack answered `ok: false` (missing_scope, not_in_channel, ...) or refused the bytes;
 *   nothing was shared.
 * - failed: no answer, 5xx or rate limited to the end before the sharing step; nothing was shared.
 * - unknown: the sharing step got no answer; the files may or may not be in the channel.
 */
export type UploadFailure = { kind: "refused"; error: string; needed?: string } | { kind: "failed"; reason: string } | { kind: "unknown"; reason: string };

/** Where a reply's files go: the requester's DM, or the channel (falling back to the DM). */
export type FileDestination = "dm" | "channel";

/** What became of a reply's files, for the notes under the reply. */
export type FileOutcome =
  | { status: "sent"; filenames: string[]; where: FileDestination; fellBackFrom?: "not_in_channel" | "channel_not_found" }
  | { status: "too-large"; filename: string; bytes: number; limit: number }
  | { status: "failed"; filenames: string[]; where: FileDestination; failure: UploadFailure | { kind: "no-token" }; errorId: string };

export class SlackFileUploadError extends Error {
  readonly code = "slack_file_upload";
  constructor(
    readonly failure: UploadFailure,
    options: { cause?: unknown } = {},
  ) {
    super(`Slack file upload ${failure.kind}: ${"error" in failure ? failure.error : failure.reason}`, options);
    this.name = "SlackFileUploadError";
  }
}

export type UploadDependencies = {
  client: WebClient;
  /** Runs a call, retrying what is safe: 429 always; lost responses and 5xx when `afterLostResponse`. */
  withRetries: <T>(method: string, call: () => Promise<T>, options: { afterLostResponse: boolean }) => Promise<T>;
  /** Where upload URLs may point: https, or the origin of a configured API URL (a local fake in tests). */
  allowedHttpOrigin?: string;
  fetch?: typeof fetch;
  uploadTimeoutMs?: number;
};

export async function uploadFilesToSlack(deps: UploadDependencies, request: UploadRequest): Promise<UploadedFile[]> {
  if (!request.files.length) return [];
  const slots: { id: string; url: string; file: UploadFile }[] = [];
  for (const file of request.files) {
    const answer: FilesGetUploadURLExternalResponse = await step(() =>
      deps.withRetries(
        "files.getUploadURLExternal",
        () =>
          // alt_txt is Slack's name; the SDK's typed arguments only know alt_text, so apiCall.
          deps.client.apiCall("files.getUploadURLExternal", {
            filename: file.filename,
            length: file.data.byteLength,
            ...(file.altText ? { alt_txt: file.altText } : {}),
          }),
        { afterLostResponse: true },
      ),
    );
    const url = typeof answer.upload_url === "string" ? answer.upload_url : undefined;
    const id = typeof answer.file_id === "string" ? answer.file_id : undefined;
    if (!url || !id) throw new SlackFileUploadError({ kind: "failed", reason: "files.getUploadURLExternal returned no upload_url" });
    checkUploadUrl(url, deps.allowedHttpOrigin);
    slots.push({ id, url, file });
  }

  for (const slot of slots) {
    await step(() => deps.withRetries("upload_url", () => postBytes(deps, slot.url, slot.file.data), { afterLostResponse: true }));
  }

  let completed: FilesCompleteUploadExternalResponse;
  try {
    completed = await deps.withRetries(
      "files.completeUploadExternal",
      () =>
        deps.client.files.completeUploadExternal({
          files: slots.map((slot) => ({ id: slot.id, title: slot.file.title })) as [{ id: string; title: string }, ...{ id: string; title: string }[]],
          channel_id: request.channelId,
          ...(request.initialComment ? { initial_comment: request.initialComment } : {}),
          ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
        }),
      { afterLostResponse: false },
    );
  } catch (error) {
    const refused = refusal(error);
    if (refused) throw new SlackFileUploadError(refused, { cause: error });
    if (isRateLimited(error)) throw new SlackFileUploadError({ kind: "failed", reason: "rate limited" }, { cause: error });
    throw new SlackFileUploadError({ kind: "unknown", reason: describe(error) }, { cause: error });
  }
  const files = completed.files ?? [];
  return slots.map((slot) => {
    const answered = files.find((file) => file.id === slot.id);
    return { id: slot.id, title: slot.file.title, ...(typeof answered?.permalink === "string" ? { permalink: answered.permalink } : {}) };
  });
}

/** Steps 1 and 2: any failure means nothing was shared. */
async function step<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SlackFileUploadError) throw error;
    const refused = refusal(error);
    if (refused) throw new SlackFileUploadError(refused, { cause: error });
    throw new SlackFileUploadError({ kind: "failed", reason: describe(error) }, { cause: error });
  }
}

/** A failed POST of the bytes, with what the retry policy needs to know. */
export class UploadHttpError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | undefined,
    body: string,
  ) {
    super(`upload_url answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ""}`);
    this.name = "UploadHttpError";
    // Shaped like the SDK's errors so one retry policy handles both.
    this.code = status === 429 ? ErrorCode.RateLimitedError : status >= 500 ? ErrorCode.HTTPError : "slack_upload_refused";
  }

  get retryAfter(): number {
    return this.retryAfterSeconds ?? 1;
  }
}

async function postBytes(deps: UploadDependencies, url: string, data: Uint8Array): Promise<void> {
  const doFetch = deps.fetch ?? fetch;
  let response: Response;
  try {
    // No Authorization header: the upload URL itself is the credential; the bot token stays with Slack's API.
    response = await doFetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: data,
      redirect: "error",
      signal: AbortSignal.timeout(deps.uploadTimeoutMs ?? 120_000),
    });
  } catch (error) {
    throw Object.assign(new Error(`upload_url did not answer: ${describe(error)}`, { cause: error }), { code: ErrorCode.RequestError });
  }
  const body = await response.text().catch(() => "");
  if (response.status === 200) return;
  const retryAfter = Number(response.headers.get("retry-after"));
  throw new UploadHttpError(response.status, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined, body);
}

function checkUploadUrl(url: string, allowedHttpOrigin: string | undefined): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SlackFileUploadError({ kind: "failed", reason: "files.getUploadURLExternal returned an invalid upload_url" });
  }
  if (parsed.protocol === "https:" || (allowedHttpOrigin && parsed.origin === allowedHttpOrigin)) return;
  throw new SlackFileUploadError({ kind: "failed", reason: `refusing to send file bytes to ${parsed.origin}` });
}

function refusal(error: unknown): Extract<UploadFailure, { kind: "refused" }> | undefined {
  if (error instanceof UploadHttpError && error.code === "slack_upload_refused") return { kind: "refused", error: `upload_http_${error.status}` };
  if (!isObject(error) || error.code !== ErrorCode.PlatformError) return undefined;
  const data = isObject(error.data) ? error.data : {};
  const code = typeof data.error === "string" ? data.error : "unknown_error";
  return { kind: "refused", error: code, ...(typeof data.needed === "string" ? { needed: data.needed } : {}) };
}

function isRateLimited(error: unknown): boolean {
  return isObject(error) && error.code === ErrorCode.RateLimitedError;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
