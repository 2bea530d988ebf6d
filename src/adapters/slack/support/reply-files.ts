/**
 * The files a Reply carries (exports, chart PNGs), uploaded to Slack.
 *
 * Where they go follows who may see the reply: an ephemeral reply (only the requester sees it)
 * sends its files to the requester's DM with the app, never into the channel, so a customer export
 * does not land where everyone reads along; the ephemeral reply says where the file went. A
 * channel-visible reply (Share in channel) uploads into that channel; when Rapport may not upload
 * there (not_in_channel, channel_not_found) the files go to the requester's DM instead, with a
 * note saying so. Failures become a short note on the reply, never an exception: the reply's text
 * (for charts the numbers, which screen readers read) is delivered either way.
 */
import { ErrorCode } from "@slack/web-api";
import type { Attachment, Block, Reply } from "../../../core/reply.js";
import { newErrorId } from "../../../core/apology.js";
import { escapeMrkdwn } from "../render/escape.js";
import { truncate } from "../render/limits.js";
import { neutraliseText } from "../../../core/text/neutralise.js";
import { createTranslator, type Translate } from "../../../core/i18n/index.js";
import type { SlackDeps } from "./deps.js";
import { MAX_SLACK_UPLOAD_BYTES, SLACK_ALT_TEXT_MAX, SLACK_FILE_TITLE_MAX, SlackFileUploadError, type FileDestination, type FileOutcome, type UploadFailure, type UploadFile } from "./file-upload.js";

/** Errors of a channel upload after which the requester's DM is the right place instead. */
const FALL_BACK_TO_DM = new Set(["not_in_channel", "channel_not_found"]);

export type FilesTarget = { teamId: string; userId: string; botToken?: string; channelId?: string; deliveryKey?: string };

/**
 * Uploads the reply's files to `destination` (the channel falls back to the DM, see above). With a
 * `deliveryKey` (the platform's delivery id), a repeated delivery of the same request joins the
 * first upload and gets its outcome instead of uploading the files a second time.
 */
export function sendReplyFiles(deps: SlackDeps, target: FilesTarget, reply: Reply, destination: FileDestination): Promise<FileOutcome[]> {
  const attachments = reply.attachments ?? [];
  if (!attachments.length) return Promise.resolve([]);
  const run = () => uploadReplyFiles(deps, target, reply, attachments, destination);
  if (!target.deliveryKey) return run();
  const key = `${target.teamId}:${target.userId}:${destination}:${target.deliveryKey}`;
  const { value, created } = deps.uploads.getOrCreate(key, run);
  if (!created) deps.logger.info({ teamId: target.teamId, deliveryKey: target.deliveryKey }, "Repeated delivery: its files were already sent, not uploading them again");
  return value;
}

async function uploadReplyFiles(deps: SlackDeps, target: FilesTarget, reply: Reply, attachments: Attachment[], destination: FileDestination): Promise<FileOutcome[]> {
  const limit = deps.config.maxUploadBytes ?? MAX_SLACK_UPLOAD_BYTES;
  const { fit, tooLarge } = splitBySize(attachments, limit);
  const outcomes: FileOutcome[] = tooLarge.map((file) => ({ status: "too-large", filename: file.filename, bytes: file.data.byteLength, limit }));
  if (tooLarge.length) deps.logger.warn({ files: tooLarge.map((file) => ({ filename: file.filename, bytes: file.data.byteLength })), limit }, "Files over the Slack upload limit were not sent");
  if (!fit.length) return outcomes;

  const filenames = fit.map((file) => file.filename);
  const files = fit.map(toUploadFile);
  const token = target.botToken;
  if (!token) {
    const errorId = newErrorId();
    deps.logger.error({ errorId, teamId: target.teamId }, "No bot token: cannot upload the reply's files");
    return [...outcomes, { status: "failed", filenames, where: destination, failure: { kind: "no-token" }, errorId }];
  }

  let fellBackFrom: "not_in_channel" | "channel_not_found" | undefined;
  if (destination === "channel" && target.channelId) {
    try {
      await deps.poster.uploadFiles(token, { channelId: target.channelId, files });
      return [...outcomes, { status: "sent", filenames, where: "channel" }];
    } catch (error) {
      const failure = asFailure(error);
      if (failure.kind !== "refused" || !FALL_BACK_TO_DM.has(failure.error)) return [...outcomes, failed(deps, error, failure, filenames, "channel")];
      fellBackFrom = failure.error as "not_in_channel" | "channel_not_found";
      deps.logger.warn({ channelId: target.channelId, error: failure.error }, "Could not upload files to the channel; sending them to the requester's DM");
    }
  }
  try {
    const dm = await deps.poster.openDirectMessage(token, target.userId);
    await deps.poster.uploadFiles(token, { channelId: dm, files, initialComment: truncate(escapeMrkdwn(neutraliseText(reply.title)), 3000) });
    return [...outcomes, { status: "sent", filenames, where: "dm", ...(fellBackFrom ? { fellBackFrom } : {}) }];
  } catch (error) {
    return [...outcomes, failed(deps, error, asFailure(error), filenames, "dm")];
  }
}

function failed(deps: SlackDeps, error: unknown, failure: UploadFailure, filenames: string[], where: FileDestination): FileOutcome {
  const errorId = newErrorId();
  deps.logger.error({ err: error, errorId, filenames, where, failure }, "Could not upload a reply's files to Slack");
  return { status: "failed", filenames, where, failure, errorId };
}

/** Any error of conversations.open or the upload, as an UploadFailure. */
export function asFailure(error: unknown): UploadFailure {
  if (error instanceof SlackFileUploadError) return error.failure;
  if (typeof error === "object" && error !== null) {
    const { code, data } = error as { code?: unknown; data?: { error?: unknown; needed?: unknown } };
    if (code === ErrorCode.PlatformError) {
      return { kind: "refused", error: typeof data?.error === "string" ? data.error : "unknown_error", ...(typeof data?.needed === "string" ? { needed: data.needed } : {}) };
    }
  }
  return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
}

export function splitBySize(attachments: Attachment[], limit: number): { fit: Attachment[]; tooLarge: Attachment[] } {
  return {
    fit: attachments.filter((file) => file.data.byteLength <= limit),
    tooLarge: attachments.filter((file) => file.data.byteLength > limit),
  };
}

/**
 * The file as Slack gets it: the alt text is the title (Slack shows it above the file) and, for
 * images only, the alt_txt screen readers read. Slack documents alt_txt for images, and alt_txt on
 * other files has been reported to stop them from being shared (slackapi/python-slack-sdk#1818).
 */
export function toUploadFile(attachment: Attachment): UploadFile {
  const description = neutraliseText(attachment.altText).trim();
  const isImage = attachment.contentType.toLowerCase().startsWith("image/");
  return {
    filename: attachment.filename,
    data: attachment.data,
    title: truncate(description || neutraliseText(attachment.filename), SLACK_FILE_TITLE_MAX),
    ...(isImage && description ? { altText: truncate(description, SLACK_ALT_TEXT_MAX) } : {}),
  };
}

export type NotesOptions = {
  /** Where the reply itself is: files sent there need no note. */
  shownIn: FileDestination;
  /** The requester's language (the reply's); default English. */
  t?: Translate;
};

/**
 * What the requester reads about the files, as plain-text blocks (the renderer escapes them).
 * Empty when every file went where the reply is.
 */
export function fileNotes(outcomes: FileOutcome[], { shownIn, t = createTranslator("en") }: NotesOptions): Block[] {
  const blocks: Block[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === "sent") {
      if (outcome.where === shownIn && shownIn === "channel") continue;
      const names = listNames(outcome.filenames, t);
      if (outcome.fellBackFrom) {
        blocks.push({ type: "text", tone: "warning", text: t("files.fellBack", { why: outcome.fellBackFrom, names }) });
      } else {
        blocks.push({ type: "text", tone: "muted", text: t("files.sentToDm", { names }) });
      }
      continue;
    }
    if (outcome.status === "too-large") {
      blocks.push({ type: "text", tone: "warning", text: t("files.tooLarge", { name: outcome.filename, size: formatBytes(outcome.bytes), limit: formatBytes(outcome.limit) }) });
      continue;
    }
    blocks.push({ type: "text", tone: "warning", text: failureText(outcome, t) });
  }
  return blocks;
}

function failureText(outcome: Extract<FileOutcome, { status: "failed" }>, t: Translate): string {
  const names = listNames(outcome.filenames, t);
  const { errorId } = outcome;
  const failure = outcome.failure;
  switch (failure.kind) {
    case "no-token":
      return t("files.noToken", { names, errorId });
    case "unknown":
      return t("files.unconfirmed", { names, place: outcome.where, errorId });
    case "failed":
      return t("files.timedOut", { names, errorId });
    case "refused":
      return t("files.refused", { names, reason: refusalText(failure.error, failure.needed, t) });
  }
}

function refusalText(error: string, needed: string | undefined, t: Translate): string {
  switch (error) {
    case "missing_scope":
      return t("files.missingScope", { scope: needed || "files:write" });
    case "file_uploads_disabled":
    case "file_uploads_except_images_disabled":
      return t("files.uploadsDisabled");
    case "file_upload_size_restricted":
      return t("files.sizeRestricted");
    case "file_type_not_allowed":
      return t("files.typeNotAllowed");
    default:
      return t("files.slackRefused", { error });
  }
}

function listNames(names: string[], t: Translate): string {
  if (names.length <= 1) return names[0] ?? t("files.theFile");
  // English as it always read ("a, b and c"); other languages as their readers list things.
  if (t.locale === "en") return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return new Intl.ListFormat(t.locale, { type: "conjunction" }).format(names);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, "")} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}
