/**
 * Discord tells bots nothing about a member's time zone, so a member who has not chosen one is in
 * the server's (the workspace default) until they say. The first time such a member's command succeeds, an ephemeral
 * follow-up asks once (the core records that it asked): a select of the zones likely for their
 * language, and the typed form (`settings timezone Asia/Seoul`) for any other zone. Choosing one
 * runs `settings timezone <zone>`, exactly as if typed.
 */
import { MessageFlags, type APIActionRowComponent, type APIStringSelectComponent, type RepliableInteraction, type StringSelectMenuInteraction } from "discord.js";
import { isValidTimeZone } from "../../core/dates.js";
import { createTranslator, type Locale } from "../../core/i18n/index.js";
import { reply as replies, type Reply } from "../../core/reply.js";
import { actorFromInteraction } from "./actor.js";
import { platformTranslator } from "./platform-locale.js";
import { answerNotice, answerWithUpdate, type HandlerContext } from "./respond.js";

export const TIMEZONE_SELECT_ID = "rapport:timezone";

const NEAR: Record<Locale, readonly string[]> = {
  ko: ["Asia/Seoul"],
  "zh-TW": ["Asia/Taipei", "Asia/Hong_Kong"],
  "zh-CN": ["Asia/Shanghai", "Asia/Hong_Kong"],
  en: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London"],
};

const ELSEWHERE = [
  "Asia/Seoul",
  "Asia/Tokyo",
  "Asia/Shanghai",
  "Asia/Taipei",
  "Asia/Hong_Kong",
  "Asia/Singapore",
  "Asia/Bangkok",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "UTC",
];

/** Zones offered to a reader of `locale`: the likely ones first, then the world's business hubs; at most 25 (Discord's limit). */
export function likelyTimeZones(locale: Locale): string[] {
  return [...new Set([...NEAR[locale], ...ELSEWHERE])].slice(0, 25);
}

/** "Korean Standard Time" / "대한민국 표준시": the zone's name in the reader's language, from the runtime's CLDR data. */
function zoneName(zone: string, locale: Locale): string | undefined {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName");
    return part?.value && part.value !== zone ? part.value.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}

/** The question's message: text and one select; `currentZone` is what applies until the member answers. */
export function timeZoneQuestion(locale: Locale, currentZone: string) {
  const t = createTranslator(locale);
  const example = `/crm settings timezone ${NEAR[locale][0]}`;
  const select: APIStringSelectComponent = {
    type: 3,
    custom_id: TIMEZONE_SELECT_ID,
    placeholder: t("timezone.placeholder"),
    min_values: 1,
    max_values: 1,
    options: likelyTimeZones(locale).map((zone) => {
      const description = zoneName(zone, locale);
      return { label: zone, value: zone, ...(description ? { description } : {}) };
    }),
  };
  const row: APIActionRowComponent<APIStringSelectComponent> = { type: 1, components: [select] };
  return { content: t("timezone.question", { zone: currentZone, example }), components: [row] };
}

/** After a successful reply: asks once, to the member alone. Best effort: a failure here costs only the question. */
export async function askTimeZoneOnce(interaction: RepliableInteraction & { guildId: string }, ctx: HandlerContext, answered: Reply): Promise<void> {
  const claim = ctx.api.claimTimeZoneQuestion;
  if (!claim || answered.isError || ctx.timeZoneSettled.has(interaction.guildId, interaction.user.id)) return;
  try {
    const ask = await claim.call(ctx.api, { actor: actorFromInteraction(interaction) });
    ctx.timeZoneSettled.add(interaction.guildId, interaction.user.id);
    if (!ask) return;
    const locale = answered.locale ?? "en";
    await interaction.followUp({ ...timeZoneQuestion(locale, ask.timeZone), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  } catch (error) {
    ctx.logger.warn({ err: error, interactionId: interaction.id }, "Could not ask the member for a time zone");
  }
}

/** The member picked a zone: `settings timezone <zone>`, answered in place of the question. */
export async function handleTimeZoneChoice(interaction: StringSelectMenuInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const zone = interaction.values[0];
  if (!zone || !isValidTimeZone(zone)) {
    await answerNotice(interaction, ctx, replies.error("form_out_of_date", platformTranslator(interaction)("surface.formOutOfDate")));
    return;
  }
  const actor = actorFromInteraction(interaction);
  await answerWithUpdate(interaction, ctx, () =>
    ctx.api.runArgs({ actor, command: "settings", args: { setting: "timezone", value: zone }, idempotencyKey: interaction.id }),
  );
}
