/**
 * Making user text inert in Slack mrkdwn. `&`, `<` and `>` are Slack's control characters: escaped,
 * user text can no longer form `<!channel>`, `<!here>`, `<@U123>` mentions or `<https://evil|acme.com>`
 * links. Literal `@channel` / `@here` / `@everyone` are not parsed in app messages without
 * `link_names`, but a zero-width joiner keeps them inert even if that changes (and in copied text).
 */
const ZERO_WIDTH_JOINER = "\u2060";

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_JOINER}$1`);
}

/** Plain-text objects are never parsed for mentions or links; only the broadcast words are neutralised. */
export function neutralisePlain(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_JOINER}$1`);
}

/**
 * A URL fit for `<url|label>`: http(s) only, no characters that would end or split the link.
 * Anything else yields `undefined` and the renderer shows the label without a link.
 */
export function safeLinkUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const href = url.toString();
  if (href.length > 1000) return undefined;
  return href.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/&/g, "&amp;");
}

/** `<url|label>` with the label escaped, or just the escaped label when the URL is not safe. */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const escaped = escapeMrkdwn(label);
  const safe = url ? safeLinkUrl(url) : undefined;
  return safe ? `<${safe}|${escaped}>` : escaped;
}
