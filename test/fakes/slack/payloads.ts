/**
 * Payload builders shaped like the ones Slack delivers (trimmed to the fields apps read, plus the
 * ones Bolt needs to route and authorize). Ids follow Slack's formats.
 */
export type Who = { teamId: string; userId: string; userName?: string; teamDomain?: string };

let counter = 0;
function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now()}${counter}`;
}

export function triggerId(): string {
  return `${Math.floor(Math.random() * 1e10)}.${Math.floor(Math.random() * 1e10)}.${nextId("t")}`;
}

function teamAndUser(who: Who) {
  return {
    team: { id: who.teamId, domain: who.teamDomain ?? "acme" },
    user: { id: who.userId, username: who.userName ?? "pat", name: who.userName ?? "pat", team_id: who.teamId },
  };
}

export function slashCommand(who: Who, input: { text: string; responseUrl: string; channelId?: string; triggerId?: string }): Record<string, string> {
  return {
    token: "deprecated-verification-token",
    team_id: who.teamId,
    team_domain: who.teamDomain ?? "acme",
    channel_id: input.channelId ?? "C0SALES",
    channel_name: "sales",
    user_id: who.userId,
    user_name: who.userName ?? "pat",
    command: "/crm",
    text: input.text,
    api_app_id: "A0RAPPORT",
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? triggerId(),
  };
}

export function messageShortcut(
  who: Who,
  input: { callbackId: string; text: string; channelId?: string; messageTs?: string; responseUrl: string; triggerId?: string },
): Record<string, unknown> {
  const channelId = input.channelId ?? "C0SALES";
  const ts = input.messageTs ?? "1712345678.000100";
  return {
    type: "message_action",
    token: "deprecated-verification-token",
    action_ts: `${Date.now() / 1000}`,
    ...teamAndUser(who),
    channel: { id: channelId, name: "sales" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? triggerId(),
    response_url: input.responseUrl,
    message_ts: ts,
    message: { type: "message", user: "UCUSTOMERCHAT", ts, text: input.text },
  };
}

export function globalShortcut(who: Who, input: { callbackId: string; triggerId?: string }): Record<string, unknown> {
  return {
    type: "shortcut",
    token: "deprecated-verification-token",
    action_ts: `${Date.now() / 1000}`,
    ...teamAndUser(who),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? triggerId(),
  };
}

export function blockAction(
  who: Who,
  input: {
    actionId: string;
    value: string;
    blockId?: string;
    responseUrl?: string;
    channelId?: string;
    ephemeral?: boolean;
    container?: Record<string, unknown>;
    view?: Record<string, unknown>;
  },
): Record<string, unknown> {
  const channelId = input.channelId ?? "C0SALES";
  return {
    type: "block_actions",
    token: "deprecated-verification-token",
    api_app_id: "A0RAPPORT",
    ...teamAndUser(who),
    trigger_id: triggerId(),
    is_enterprise_install: false,
    enterprise: null,
    container: input.container ?? { type: "message", message_ts: "1712345678.000200", channel_id: channelId, is_ephemeral: input.ephemeral ?? true },
    ...(input.view ? { view: input.view } : { channel: { id: channelId, name: "sales" } }),
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: [
      {
        type: "button",
        action_id: input.actionId,
        block_id: input.blockId ?? "b1",
        text: { type: "plain_text", text: "Button" },
        value: input.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A view_submission for a view the app opened: pass the view as recorded by the fake (with id/hash). */
export function viewSubmission(who: Who, view: Record<string, unknown>, values: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    type: "view_submission",
    token: "deprecated-verification-token",
    ...teamAndUser(who),
    api_app_id: "A0RAPPORT",
    trigger_id: triggerId(),
    is_enterprise_install: false,
    enterprise: null,
    view: { ...view, team_id: who.teamId, type: "modal", state: { values } },
    response_urls: [],
  };
}

export function blockSuggestion(who: Who, input: { actionId: string; blockId: string; value: string; viewCallbackId?: string }): Record<string, unknown> {
  return {
    type: "block_suggestion",
    token: "deprecated-verification-token",
    ...teamAndUser(who),
    api_app_id: "A0RAPPORT",
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    container: { type: "view", view_id: "V0000001" },
    view: { id: "V0000001", type: "modal", callback_id: input.viewCallbackId ?? "rapport:form:log", team_id: who.teamId, state: { values: {} } },
  };
}

export function eventCallback(who: Who, event: Record<string, unknown>, eventId = nextId("Ev")): Record<string, unknown> {
  return {
    token: "deprecated-verification-token",
    team_id: who.teamId,
    api_app_id: "A0RAPPORT",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: who.teamId, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function appHomeOpened(who: Who): Record<string, unknown> {
  return { type: "app_home_opened", user: who.userId, channel: "D0APPHOME", tab: "home", event_ts: `${Date.now() / 1000}` };
}

/** link_shared (Events API) for a posted message's links; `source: "composer"` for links still being typed. */
export function linkShared(who: Who, input: { channelId: string; messageTs: string; urls: string[]; source?: "conversations_history" | "composer" }): Record<string, unknown> {
  const composer = input.source === "composer";
  return {
    type: "link_shared",
    channel: composer ? "COMPOSER" : input.channelId,
    is_bot_user_member: true,
    user: who.userId,
    message_ts: input.messageTs,
    unfurl_id: `${input.channelId}.${input.messageTs}.${nextId("u")}`,
    source: input.source ?? "conversations_history",
    links: input.urls.map((url) => ({ domain: new URL(url).hostname, url })),
    event_ts: `${Date.now() / 1000}`,
  };
}
