/**
 * Text helpers for Discord markdown. Everything from the Reply model is plain user text: escape it so
 * CRM data cannot format, spoof links (`[acme.com](https://evil)`), or render mentions. Pings are
 * additionally blocked by `allowedMentions: { parse: [] }` on every message.
 */
import { truncateText } from "../../../core/text/truncate.js";

/** Backslash-escape Discord markdown and neutralise mention syntax in plain text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, "\\$&")
    .replace(/^(\s*)(#{1,3}|-|\d+\.)(?=\s)/gm, (_match, indent: string, marker: string) =>
      marker.endsWith(".") ? `${indent}${marker.slice(0, -1)}\\.` : `${indent}\\${marker}`,
    )
    .replace(/@(everyone|here)/gi, "@\u200b$1");
}

/**
 * Cut to `max` characters on a grapheme boundary (core/text/truncate.ts) with an ellipsis, never
 * leaving a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  return truncateText(text, max, {
    tidyEnd: (kept) => ((kept.match(/\\+$/)?.[0].length ?? 0) % 2 === 1 ? kept.slice(0, -1) : kept),
  });
}

/** Text for inside a code block: only backticks matter there. */
export function codeSafe(text: string): string {
  return text.replace(/`/g, "ˋ");
}

/** Only http(s) links may become embed URLs. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}
