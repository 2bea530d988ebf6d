/**
 * `settings previews [on|off]`, run in a channel: whether Rapport links posted there get a preview
 * (Discord, where a bot reads messages only in channels that asked for it). Managers and admins
 * decide, because a preview shows customer data to everyone in the channel, outsiders included;
 * each preview still shows only what the person who posted the link may see. Slack needs no
 * setting: its unfurls ask first in channels shared with other organisations.
 */
import type { CommandContext } from "../core/context.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { isMessageKey } from "../core/i18n/index.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { hasRole } from "../core/permissions.js";
import { reply, type Reply } from "../core/reply.js";

export const PREVIEWS_EXAMPLE = "settings previews on";

function readOnOff(value: string): boolean | null {
  const word = value.toLowerCase();
  if (["on", "yes", "true"].includes(word)) return true;
  if (["off", "no", "false"].includes(word)) return false;
  return null;
}

export async function linkPreviewsSetting(ctx: CommandContext, value: string | undefined): Promise<Reply> {
  const { t } = ctx;
  const command = (line: string) => localizeTypedLine(line, ctx.locale);
  if (ctx.platform === "slack") return reply.text(t("settings.previewsSlack"));
  const channelRef = ctx.channelRef;
  if (!channelRef || !channelRef.startsWith("discord:")) {
    return reply.text(t("settings.previewsNoChannel", { command: command(PREVIEWS_EXAMPLE) }));
  }
  if (value === undefined) {
    const on = await ctx.store.channelSettings.linkPreviews(channelRef);
    return reply.text(t("settings.previewsState", { state: on ? "on" : "off", command: command(on ? "settings previews off" : PREVIEWS_EXAMPLE) }));
  }
  const on = readOnOff(value);
  if (on === null) {
    throw new UserError("bad_argument", t("settings.previewsValue", { example: command(PREVIEWS_EXAMPLE) }), { example: PREVIEWS_EXAMPLE, field: "value" });
  }
  if (!hasRole(ctx.member, "manager")) {
    const key = `platform.admins.${ctx.platform}`;
    throw new PermissionDenied(t("settings.previewsManagersOnly", { whoAreAdmins: t(isMessageKey(key) ? key : "platform.admins.unknown") }));
  }
  const { before, after } = await ctx.store.channelSettings.setLinkPreviews(channelRef, on, ctx.member.id);
  await ctx.store.audit.record(ctx.member.id, { action: "channel.settings", entity: "channel", entityId: channelRef, before: { linkPreviews: before }, after: { linkPreviews: after } });
  return reply.text(on ? t("settings.previewsSetOn", { command: command("settings previews off") }) : t("settings.previewsSetOff", { command: command(PREVIEWS_EXAMPLE) }));
}
