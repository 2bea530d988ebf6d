/**
 * A record's link on its card: with RAPPORT_PUBLIC_URL set, the card's title links to the record's
 * page and a muted "Open in browser" line shows the address, which people copy into chat (where it
 * unfurls). Without it nothing changes.
 */
import type { CommandContext } from "../../core/context.js";
import { recordUrl, type RecordKind } from "../../core/record-links.js";
import type { Block } from "../../core/reply.js";

export function recordLinkOf(ctx: Pick<CommandContext, "publicUrl">, kind: RecordKind, key: string | number): string | undefined {
  return ctx.publicUrl ? recordUrl(ctx.publicUrl, kind, key) : undefined;
}

/** `blocks` with the first card linked to the record and the link line right after it. */
export function withRecordLink(ctx: Pick<CommandContext, "publicUrl" | "t">, blocks: Block[], kind: RecordKind, key: string | number): Block[] {
  const url = recordLinkOf(ctx, kind, key);
  if (!url) return blocks;
  const index = blocks.findIndex((block) => block.type === "card");
  const line: Block = { type: "text", text: ctx.t("link.openInBrowser", { url }), tone: "muted" };
  if (index < 0) return [...blocks, line];
  const card = blocks[index]!;
  return [...blocks.slice(0, index), card.type === "card" ? { ...card, url } : card, line, ...blocks.slice(index + 1)];
}
