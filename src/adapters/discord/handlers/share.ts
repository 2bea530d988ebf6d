/**
 * The Share button: posts a copy of the ephemeral reply it sits on into the channel, files included.
 *
 * Discord sends the message the button sits on with the interaction, attachments included (their
 * URLs are signed and, for an ephemeral message, valid as long as the message exists). So the copy
 * needs no cache: embeds and buttons are copied, and the files are downloaded and uploaded again
 * (see attachment-download.ts), because the ephemeral message's CDN URLs may expire and vanish
 * with it. An embed image that showed one of the message's files points at the re-uploaded file
 * (`attachment://<name>`).
 *
 * The 3 s deadline: downloads race `deferAfterMs`; when they are slower, the share is deferred
 * (publicly: the copy is a channel message) and the deferred message is then edited. A file that
 * cannot come along (larger than this server's upload limit, download failed or too slow, refused
 * by Discord) is left out and the shared message says so; the share itself is never lost.
 */
import {
  DiscordAPIError,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type Attachment,
  type ButtonInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from "discord.js";
import { downloadAttachment, type DownloadFailure } from "../attachment-download.js";
import { escapeMarkdown, truncate } from "../render/escape.js";
import { neutraliseText } from "../../../core/text/neutralise.js";
import { attachmentName, DEFAULT_ATTACHMENT_SIZE_LIMIT, formatBytes } from "../render/render-reply.js";
import { raceTimer, TIMED_OUT, type HandlerContext } from "../respond.js";
import { platformTranslator } from "../platform-locale.js";
import type { Translate } from "../../../core/i18n/index.js";

type SharedFile = { source: Attachment; name: string; data: Buffer };
type Gathered = { files: SharedFile[]; notes: string[] };

const CONTENT_LIMIT = 2000;

function failureNote(attachment: Attachment, reason: DownloadFailure | "refused", sizeLimit: number, t: Translate): string {
  const name = escapeMarkdown(neutraliseText(attachment.name));
  switch (reason) {
    case "too-large":
      return t("share.fileTooLarge", { name, size: formatBytes(attachment.size), limit: formatBytes(sizeLimit) });
    case "refused":
      return t("share.fileRefused", { name });
    default:
      return t("share.fileNotCopied", { name });
  }
}

/** Downloads every file of the message within the size limit; never rejects. */
async function gatherFiles(
  attachments: readonly Attachment[],
  ctx: HandlerContext,
  sizeLimit: number,
  signal: AbortSignal,
  interactionId: string,
  t: Translate,
): Promise<Gathered> {
  const results = await Promise.all(
    attachments.map(async (attachment) => {
      if (attachment.size > sizeLimit) return { attachment, result: { ok: false as const, reason: "too-large" as const } };
      const options = { maxBytes: sizeLimit, signal, trustedOrigins: ctx.attachmentOrigins };
      let result = await downloadAttachment(attachment.url, options);
      // proxy_url serves images only; worth a second try for a chart when the first failed for no size reason.
      if (!result.ok && result.reason === "unavailable" && attachment.proxyURL && attachment.proxyURL !== attachment.url && attachment.height) {
        result = await downloadAttachment(attachment.proxyURL, options);
      }
      return { attachment, result };
    }),
  );
  const files: SharedFile[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  for (const [index, { attachment, result }] of results.entries()) {
    if (!result.ok) {
      ctx.logger.warn({ interactionId, attachment: attachment.name, size: attachment.size, reason: result.reason, detail: "detail" in result ? result.detail : undefined }, "share: a file could not be copied");
      notes.push(failureNote(attachment, result.reason, sizeLimit, t));
      continue;
    }
    let name = attachmentName(attachment.name, index);
    if (used.has(name)) name = `${index + 1}-${name}`;
    used.add(name);
    files.push({ source: attachment, name, data: result.data });
  }
  return { files, notes };
}

function urlPath(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** Does an embed image/thumbnail URL show this attachment? Signed query strings and the host (cdn vs media proxy) may differ. */
function showsAttachment(mediaUrl: string, attachment: Attachment): boolean {
  if (mediaUrl.startsWith("attachment://")) return mediaUrl.slice("attachment://".length) === attachment.name;
  const path = urlPath(mediaUrl);
  return path !== undefined && (path === urlPath(attachment.url) || path === urlPath(attachment.proxyURL));
}

/**
 * Embed images and thumbnails that showed one of the message's files now show the re-uploaded copy,
 * or nothing when the file did not come along (an expired CDN link is worse than no image).
 */
function retargetEmbeds(embeds: APIEmbed[], attachments: readonly Attachment[], files: readonly SharedFile[]): APIEmbed[] {
  const retarget = (media: { url: string } | undefined): { url: string } | null | undefined => {
    if (!media?.url) return media;
    const shown = attachments.find((attachment) => showsAttachment(media.url, attachment));
    if (!shown) return media;
    const copy = files.find((file) => file.source.id === shown.id);
    return copy ? { url: `attachment://${copy.name}` } : null;
  };
  return embeds.map((embed) => {
    const out: APIEmbed = { ...embed };
    for (const key of ["image", "thumbnail"] as const) {
      const next = retarget(out[key]);
      if (next === null) delete out[key];
      else if (next) out[key] = next;
    }
    return out;
  });
}

function isUploadRefused(error: unknown): boolean {
  // 413 Request Entity Too Large / 40005: the files did not fit, whatever the attachment metadata said.
  return error instanceof DiscordAPIError && (error.status === 413 || error.code === 40005);
}

/** Buttons the channel copy leaves out (the codec also reads ids whose payload was parked). */
const NOT_SHARED = new Set(["share", "undo"]);

export async function shareMessage(interaction: ButtonInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const source = interaction.message;
  const components = source.components
    .map((row) => row.toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>)
    .filter((row) => row.type === 1 && Array.isArray(row.components))
    // Not Share itself, and not Undo: only the author may undo, and it would not take back the copy.
    .map((row) => ({ ...row, components: row.components.filter((c) => !("custom_id" in c && NOT_SHARED.has(ctx.codec.decode(c.custom_id)?.kind ?? ""))) }))
    .filter((row) => row.components.length > 0);
  const embeds = source.embeds.map((embed) => embed.toJSON());
  const attachments = [...source.attachments.values()];
  // The sharer's language: the byline and notes are written by them, for the channel.
  const t = platformTranslator(interaction);
  const byline = t("share.sharedBy", { user: `<@${interaction.user.id}>` });
  const limit = interaction.attachmentSizeLimit;
  const sizeLimit = typeof limit === "number" && limit > 0 ? limit : DEFAULT_ATTACHMENT_SIZE_LIMIT;

  const payload = (files: readonly SharedFile[], notes: readonly string[]) => {
    const content = truncate([byline, ...notes.map((note) => `-# ⚠️ ${note}`)].join("\n"), CONTENT_LIMIT);
    return {
      content,
      embeds: retargetEmbeds(embeds, attachments, files),
      components,
      allowedMentions: { parse: [] },
      // A fresh array each time: discord.js appends the new files' entries to it.
      attachments: [],
      files: files.map((file) => ({ attachment: file.data, name: file.name, ...(file.source.description ? { description: file.source.description } : {}) })),
    } satisfies InteractionReplyOptions & InteractionEditReplyOptions;
  };

  if (attachments.length === 0) {
    await interaction.reply(payload([], []));
    return;
  }

  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), ctx.shareDownloadTimeoutMs);
  let gathered: Gathered;
  let deferred = false;
  try {
    const pending = gatherFiles(attachments, ctx, sizeLimit, controller.signal, interaction.id, t);
    const early = await raceTimer(pending, ctx.deferAfterMs);
    if (early === TIMED_OUT) {
      // Public, like the copy it stands for; the copy then replaces it.
      await interaction.deferReply();
      deferred = true;
      gathered = await pending;
    } else gathered = early;
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }

  const send = async (body: ReturnType<typeof payload>) => {
    if (deferred) await interaction.editReply(body);
    else await interaction.reply(body);
  };
  try {
    await send(payload(gathered.files, gathered.notes));
  } catch (error) {
    if (!gathered.files.length || !isUploadRefused(error)) throw error;
    ctx.logger.warn({ err: error, interactionId: interaction.id }, "share: Discord refused the files; sharing without them");
    const refused = gathered.files.map((file) => failureNote(file.source, "refused", sizeLimit, t));
    await send(payload([], [...gathered.notes, ...refused]));
  }
}
