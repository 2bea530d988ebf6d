/**
 * Rapport links posted in Slack (`link_shared`, scopes links:read and links:write, the public
 * address's domain under App Unfurl Domains) unfurl as a compact card with `chat.unfurl`. Each link
 * is read as the member who posted it (kit/record-preview.ts): a record they may not see, one of
 * another workspace, or one that is gone gets no preview.
 *
 * A channel shared with other organisations (Slack Connect: the envelope's is_ext_shared_channel, or
 * conversations.info is_ext_shared), or
 * one Slack will not describe (a DM without im:read), shows nothing at first: the member who posted
 * the links gets an ephemeral question with a "Show preview" button, and the unfurl follows their
 * click. Someone from another organisation posting a link gets nothing: they are not a member here.
 *
 * Links typed into the message composer (`source: composer`, channel COMPOSER) are skipped: where
 * the message will go is not known yet, so a shared channel could not be told apart. Slack sends the
 * event again once the message is posted.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Actor } from "../../../../core/actor.js";
import { createTranslator, type Locale, type Translate } from "../../../../core/i18n/index.js";
import { findRecordLinks, type RecordLink } from "../../../../core/record-links.js";
import { previewRecord } from "../../../kit/record-preview.js";
import { renderBlocks, renderMessage, type SlackBlock } from "../../render/render-reply.js";
import type { SlackDeps } from "../../support/deps.js";
import { ackAndRunAdmitted, admit, isPlatformError } from "../../support/reply-delivery.js";
import { channelAudience } from "../actions/share.js";
import { pressed } from "../actions/button-context.js";
import { identityFrom } from "../identity.js";

/** The "Show preview" button on the question asked in shared channels. */
export const SHOW_PREVIEW_ACTION_ID = "rapport_unfurl:show";

/** At most this many links of one message unfurl (Slack sends every link of the message). */
export const MAX_UNFURLS = 5;

/** A link as Slack sent it (the unfurl is keyed by exactly that URL) and the record it names. */
type PostedLink = { posted: string; record: RecordLink };

/** What the button carries: where the message is and which of its links to unfurl. */
type PendingUnfurl = { channel: string; ts: string; urls: string[] };

function recordLinks(links: readonly { url: string }[], base: string): PostedLink[] {
  const found: PostedLink[] = [];
  for (const { url } of links) {
    const record = findRecordLinks(url, base)[0];
    if (record && !found.some((link) => link.posted === url)) found.push({ posted: url, record });
  }
  return found.slice(0, MAX_UNFURLS);
}

/** The unfurls of the links the actor may see, keyed by each link as posted. */
async function unfurlsFor(deps: SlackDeps, actor: Actor, links: readonly PostedLink[]): Promise<Record<string, { blocks: SlackBlock[] }>> {
  const unfurls: Record<string, { blocks: SlackBlock[] }> = {};
  await Promise.all(
    links.map(async ({ posted, record }) => {
      const preview = await previewRecord(deps.api, actor, { ...record, url: posted });
      if (preview) unfurls[posted] = { blocks: renderBlocks(preview) };
    }),
  );
  return unfurls;
}

/** The button's value (at most 2000 characters): links are dropped from the end until it fits. */
export function encodePending(pending: PendingUnfurl): string | undefined {
  const urls = [...pending.urls];
  while (urls.length) {
    const value = JSON.stringify({ c: pending.channel, ts: pending.ts, u: urls });
    if (value.length <= 2000) return value;
    urls.pop();
  }
  return undefined;
}

export function decodePending(value: string | undefined): PendingUnfurl | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as { c?: unknown; ts?: unknown; u?: unknown };
    if (typeof parsed.c !== "string" || typeof parsed.ts !== "string" || !Array.isArray(parsed.u)) return undefined;
    const urls = parsed.u.filter((url): url is string => typeof url === "string");
    return urls.length ? { channel: parsed.c, ts: parsed.ts, urls } : undefined;
  } catch {
    return undefined;
  }
}

/** The user's own workspace as Slack has it (users.info team_id); undefined when Slack would not say. */
async function teamOfUser(client: WebClient, userId: string): Promise<string | undefined> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.team_id;
  } catch (error) {
    if (isPlatformError(error)) return undefined;
    throw error;
  }
}

function askBlocks(t: Translate, audience: "external" | "unknown", count: number, value: string): SlackBlock[] {
  const question = t(audience === "external" ? "unfurl.askExternal" : "unfurl.askUnknown", { count });
  const [section] = renderMessage({ title: question, blocks: [{ type: "text", text: question }], visibility: "ephemeral" }).blocks;
  return [
    section!,
    {
      type: "actions",
      elements: [{ type: "button", action_id: SHOW_PREVIEW_ACTION_ID, style: "primary", text: { type: "plain_text", text: t("unfurl.showPreview"), emoji: true }, value }],
    },
  ];
}

async function localeOf(deps: SlackDeps, actor: Actor): Promise<Locale> {
  return (await deps.api.localeOf?.({ actor })) ?? "en";
}

export function registerLinkShared(app: App, deps: SlackDeps): void {
  const base = deps.publicUrl;
  // No public address: Rapport makes no links, so none of them can be posted.
  if (!base) return;

  app.event("link_shared", async ({ event, body, client, context }) => {
    if (event.source === "composer" || event.channel === "COMPOSER") return;
    const links = recordLinks(event.links, base);
    if (!links.length) return;
    const teamId = typeof body.team_id === "string" ? body.team_id : null;
    const identity = identityFrom({ teamId, userId: event.user }, context);
    const log$ = deps.logger.child({ listener: "link_shared", teamId: identity.teamId, userId: identity.userId, channelId: event.channel });
    // An unfurl is not a command: it spends no rate tokens but waits its turn like one.
    const admitted = admit(deps, identity, { lookup: true });
    if (!admitted.ok) {
      log$.info({ reason: admitted.refusal.reason }, "Links not unfurled: request turned away");
      return;
    }
    try {
      await admitted.ticket.run(async () => {
        // The envelope says so for Slack Connect channels; otherwise Slack is asked about the channel.
        const audience = (body as { is_ext_shared_channel?: unknown }).is_ext_shared_channel === true ? "external" : await channelAudience(client, event.channel);
        if (audience !== "internal") {
          const team = await teamOfUser(client, identity.userId);
          if (team !== identity.teamId) {
            log$.info({ audience, userTeam: team }, "Links not unfurled: posted by someone outside this workspace");
            return;
          }
          const actor = await deps.actors.resolve(client, identity);
          const value = encodePending({ channel: event.channel, ts: event.message_ts, urls: links.map((link) => link.posted) });
          if (!value || !context.botToken) return;
          const t = createTranslator(await localeOf(deps, actor));
          const blocks = askBlocks(t, audience, links.length, value);
          try {
            await deps.poster.postEphemeral(context.botToken, { channel: event.channel, user: identity.userId, text: t(audience === "external" ? "unfurl.askExternal" : "unfurl.askUnknown", { count: links.length }), blocks });
          } catch (error) {
            // A DM the bot is not in, an archived channel: nobody to ask, so nothing is shown.
            if (!isPlatformError(error)) throw error;
            log$.info({ err: error, audience }, "Could not ask before unfurling; nothing shown");
          }
          return;
        }
        const actor = await deps.actors.resolve(client, identity);
        const unfurls = await unfurlsFor(deps, actor, links);
        if (!Object.keys(unfurls).length) return;
        await client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls });
      });
    } catch (error) {
      log$.error({ err: error }, "Could not unfurl Rapport links");
    }
  });

  app.action<BlockAction<ButtonAction>>({ action_id: SHOW_PREVIEW_ACTION_ID, type: "block_actions" }, async ({ ack, body, action, respond, client, context }) => {
    const pending = decodePending(action.value);
    if (!pending) {
      await ack();
      return;
    }
    const { identity, target } = pressed(body, context, respond, true);
    await ackAndRunAdmitted(deps, { ack, identity, target, listener: "button:unfurl" }, async () => {
      const actor = await deps.actors.resolve(client, identity);
      const t = createTranslator(await localeOf(deps, actor));
      // Read again as the presser, now: what they may see may have changed since the question.
      const unfurls = await unfurlsFor(deps, actor, recordLinks(pending.urls.map((url) => ({ url })), base));
      const shown = Object.keys(unfurls).length > 0;
      if (shown) await client.chat.unfurl({ channel: pending.channel, ts: pending.ts, unfurls });
      const answer = renderMessage({ title: t(shown ? "unfurl.shown" : "unfurl.nothingToShow"), blocks: [], visibility: "ephemeral" });
      if (respond && body.response_url) await respond({ replace_original: true, text: answer.text, blocks: answer.blocks });
    });
  });
}
