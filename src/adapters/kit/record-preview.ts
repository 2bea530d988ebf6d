/**
 * Link previews (Slack unfurls, Discord embeds) of Rapport record links, written once for both
 * chat adapters. A link is read as the reader: the record's read command runs as the member who
 * posted the link (recordCommand), so a record they may not see, or one of another workspace,
 * comes back as an error reply and gets no preview. The preview is the reply's first card, cut to
 * a title, a subtitle and a few fields: no buttons (nobody should press Log call on a preview) and
 * nothing below the card.
 */
import type { Actor } from "../../core/actor.js";
import { recordCommand, type RecordLink } from "../../core/record-links.js";
import type { Field, Reply } from "../../core/reply.js";
import type { RapportApi } from "../../core/service-api.js";

/** Fields a preview keeps: enough to recognise the record, few enough to stay compact. */
export const PREVIEW_FIELDS = 6;

/** The compact preview of a record reply, or null when there is nothing to show (an error, no card). */
export function recordPreview(reply: Reply, link: Pick<RecordLink, "url">, maxFields = PREVIEW_FIELDS): Reply | null {
  if (reply.isError) return null;
  const card = reply.blocks.find((block) => block.type === "card");
  if (!card || card.type !== "card") return null;
  const fields: Field[] = card.fields.slice(0, maxFields).map((field) => ({ ...field, inline: true }));
  return {
    title: card.title,
    blocks: [{ type: "card", title: card.title, ...(card.subtitle ? { subtitle: card.subtitle } : {}), url: link.url, fields }],
    visibility: "channel",
    ...(reply.locale ? { locale: reply.locale } : {}),
  };
}

/** A record link read as `actor` and cut to its preview; null when they may not see it (or it is gone). */
export async function previewRecord(api: Pick<RapportApi, "runText">, actor: Actor, link: RecordLink): Promise<Reply | null> {
  return recordPreview(await api.runText({ actor, text: recordCommand(link) }), link);
}
