/**
 * Neutral user mentions inside digest text. Digests mention each owner ("@Alice, 3 due today"),
 * but the reply model holds plain text that renderers escape, so a mention travels as a marker
 * that only Rapport produces:
 *
 *     \uE000@<member external id>|<display name>\uE001
 *
 * (U+E000 and U+E001 are private-use characters.) Renderers replace each marker with a real user
 * mention (Slack `<@U123>`, Discord `<@123>` with that user in allowed_mentions.users) or with
 * "@display name" (console, or any surface that cannot mention). Markers are never @channel,
 * @here, @everyone or role mentions. Builders strip these characters from every piece of CRM
 * data they place in text (`plain`), so imported data cannot forge a mention.
 */
const OPEN = "\uE000";
const CLOSE = "\uE001";

export const MENTION_PATTERN = /\uE000@([^|\uE000\uE001]+)\|([^\uE000\uE001]*)\uE001/g;

/** CRM text made safe to place next to mention markers. */
export function plain(text: string): string {
  return text.replace(/[\uE000\uE001]/g, "");
}

export function mention(member: { externalId: string; displayName: string }): string {
  return `${OPEN}@${plain(member.externalId).replace(/\|/g, "")}|${plain(member.displayName)}${CLOSE}`;
}

/** Replaces every marker with `render(externalId, displayName)`. */
export function renderMentions(text: string, render: (externalId: string, displayName: string) => string): string {
  return text.replace(MENTION_PATTERN, (_match, id: string, name: string) => render(id, name));
}

/** The external ids mentioned in a text (for allow-lists such as Discord's allowed_mentions.users). */
export function mentionedIds(text: string): string[] {
  return [...text.matchAll(MENTION_PATTERN)].map((match) => match[1]!);
}

/** "@Alice Martin" for surfaces without mentions. */
export function mentionsAsNames(text: string): string {
  return renderMentions(text, (_id, name) => `@${name}`);
}
