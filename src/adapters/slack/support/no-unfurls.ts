/**
 * Rapport's own messages never unfurl links or media. A customer card or digest may carry a
 * customer's website, a record link or a message permalink; Slack would otherwise add a preview
 * card under every such message (and, in a shared channel, fetch the link for the other side).
 * Every posting path (chat.postMessage, chat.postEphemeral, respond()/response_url, the
 * slash-command ack, digests) takes its message through `withoutUnfurls`.
 */
export const NO_UNFURLS = { unfurl_links: false, unfurl_media: false } as const;

export type NoUnfurls = typeof NO_UNFURLS;

/** The message with unfurling switched off (whatever it said before). */
export function withoutUnfurls<const M extends object>(message: M): M & NoUnfurls {
  return { ...message, ...NO_UNFURLS };
}
