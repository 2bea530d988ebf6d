/**
 * The hostile-text check: renders replies (and forms, pickers, the Home tab) on every surface,
 * collects every text-bearing part (Slack sections, fields, context, buttons, options, headers,
 * modal texts; Discord titles, descriptions, fields, footers, buttons, choices; console lines) and
 * reports what a reader could be deceived or harmed by: bidi controls, invisible characters,
 * control characters, lone surrogates, live mentions, spoofed links, platform limit breaches.
 *
 * The renderers are a parameter, so a test can pass ones built with the identity as neutraliser
 * and see this check report violations: the check can fail.
 */
import type { types as slack } from "@slack/bolt";
import type { Reply } from "../../src/core/reply.js";
import type { PickerOption } from "../../src/core/service-api.js";
import type { Neutraliser } from "../../src/core/text/neutralise.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { renderMessage, type SlackMessage } from "../../src/adapters/slack/render/render-reply.js";
import { buildHomeView } from "../../src/adapters/slack/render/home.js";
import { buildCommandModal, fieldErrorsForView, pickerOptions } from "../../src/adapters/slack/render/modal.js";
import { renderReply, type DiscordMessage } from "../../src/adapters/discord/render/render-reply.js";
import { createButtonCodec } from "../../src/adapters/discord/render/button-codec.js";
import { buildCommandModal as buildDiscordModal } from "../../src/adapters/discord/commands/command-modal.js";
import { toChoices } from "../../src/adapters/discord/handlers/autocomplete.js";
import { commands } from "../../src/commands/index.js";

export type Surface = "console" | "slack" | "discord";

/**
 * A piece of rendered text as a reader meets it, with the platform's limit for that part. `markup`
 * marks Slack mrkdwn (parsed for mentions and links); plain_text objects are never parsed.
 */
export type RenderedPart = { surface: Surface; part: string; text: string; limit?: number; markup?: boolean };

export type Violation = { surface: Surface; part: string; problem: string; sample: string };

export type Renderers = {
  console(reply: Reply): string;
  slack(reply: Reply): SlackMessage;
  slackHome(reply: Reply): slack.HomeView;
  /** The log form with these as the prefilled customer label and summary, plus field errors. */
  slackForm(text: string): { view: slack.ModalView; errors: Record<string, string> };
  slackPicker(options: PickerOption[]): slack.PlainTextOption[];
  discord(reply: Reply): DiscordMessage;
  discordForm(text: string): ReturnType<typeof buildDiscordModal>;
  discordChoices(options: PickerOption[]): { name: string; value: string }[];
};

const logCommand = commands.find((command) => command.name === "log")!;

/** The production renderers, or the same with another neutraliser (the identity, for the mutation test). */
export function renderersWith(neutralise?: Neutraliser): Renderers {
  const codec = createButtonCodec();
  const n = neutralise ? { neutralise } : {};
  return {
    console: (reply) => renderText(reply, n),
    slack: (reply) => renderMessage(reply, { shareToken: "share-1", ...n }),
    slackHome: (reply) => buildHomeView([{ heading: reply.title, reply }], undefined, n),
    slackForm: (text) => ({
      view: buildCommandModal(logCommand, { prefill: { customer: "#1", summary: text }, prefillLabels: { customer: text }, title: text, ...n }),
      errors: fieldErrorsForView(logCommand, { summary: text, stray: text }, neutralise),
    }),
    slackPicker: (options) => pickerOptions(options, neutralise),
    discord: (reply) => renderReply(reply, codec, n),
    discordForm: (text) => buildDiscordModal(logCommand, { customId: "L:1", title: text, prefill: { summary: text }, ...n }),
    discordChoices: (options) => toChoices(options, neutralise),
  };
}

/** Slack text objects, named by where they sit (limits from https://docs.slack.dev/reference/block-kit). */
function slackParts(node: unknown, into: RenderedPart[], part = "section", limit = 3000): void {
  if (Array.isArray(node)) {
    for (const entry of node) slackParts(entry, into, part, limit);
    return;
  }
  if (!node || typeof node !== "object") return;
  const object = node as Record<string, unknown>;
  if ((object.type === "mrkdwn" || object.type === "plain_text") && typeof object.text === "string") {
    into.push({ surface: "slack", part, text: object.text, limit, markup: object.type === "mrkdwn" });
    return;
  }
  const type = typeof object.type === "string" ? object.type : undefined;
  for (const [key, value] of Object.entries(object)) {
    if (key === "value" || key === "action_id" || key === "block_id" || key === "private_metadata" || key === "callback_id") continue;
    if (key === "initial_value" && typeof value === "string") {
      into.push({ surface: "slack", part: "modal input", text: value, limit: 3000 });
      continue;
    }
    let child: [string, number] = [part, limit];
    if (type === "button") child = ["button", 75];
    else if (key === "options" || key === "initial_option") child = ["option", 75];
    else if (key === "fields") child = ["field", 2000];
    else if (type === "context") child = ["context", 3000];
    else if (type === "header") child = ["header", 150];
    else if (key === "accessory" || key === "elements") child = [part, limit];
    else if (type === "modal" && key === "title") child = ["modal title", 24];
    else if (type === "input" && (key === "label" || key === "hint")) child = ["modal label", 2000];
    else if (type === "section" && key === "text") child = ["section", 3000];
    slackParts(value, into, ...child);
  }
}

function discordParts(message: DiscordMessage, into: RenderedPart[]): void {
  for (const embed of message.embeds) {
    if (embed.title !== undefined) into.push({ surface: "discord", part: "embed title", text: embed.title, limit: 256 });
    if (embed.description !== undefined) into.push({ surface: "discord", part: "embed description", text: embed.description, limit: 4096 });
    for (const field of embed.fields ?? []) {
      into.push({ surface: "discord", part: "field name", text: field.name, limit: 256 });
      into.push({ surface: "discord", part: "field value", text: field.value, limit: 1024 });
    }
    if (embed.footer) into.push({ surface: "discord", part: "footer", text: embed.footer.text, limit: 2048 });
  }
  for (const row of message.components) for (const button of row.components) into.push({ surface: "discord", part: "button", text: button.label ?? "", limit: 80 });
}

/** Every text part the renderers produce for these replies and these stored strings (form prefills, picker labels). */
export function renderEverywhere(renderers: Renderers, replies: readonly Reply[], strings: readonly string[]): RenderedPart[] {
  const parts: RenderedPart[] = [];
  for (const reply of replies) {
    for (const [index, line] of renderers.console(reply).split("\n").entries()) parts.push({ surface: "console", part: index === 0 ? "console title" : "console line", text: line });
    const message = renderers.slack(reply);
    parts.push({ surface: "slack", part: "notification text", text: message.text, limit: 3000, markup: true });
    slackParts(message.blocks, parts);
    slackParts(renderers.slackHome(reply).blocks, parts);
    discordParts(renderers.discord(reply), parts);
  }
  const options = strings.map((label, index) => ({ label, value: `#${index + 1}` }));
  for (const text of strings) {
    const form = renderers.slackForm(text);
    slackParts(form.view, parts, "modal");
    for (const error of Object.values(form.errors)) parts.push({ surface: "slack", part: "modal error", text: error, limit: 2000 });
    const modal = renderers.discordForm(text);
    parts.push({ surface: "discord", part: "modal title", text: modal.title, limit: 45 });
    for (const label of modal.components as { component: { value?: string; options?: { label: string }[] } }[]) {
      if (label.component.value !== undefined) parts.push({ surface: "discord", part: "modal input", text: label.component.value, limit: 4000 });
      for (const option of label.component.options ?? []) parts.push({ surface: "discord", part: "select option", text: option.label, limit: 100 });
    }
  }
  for (const option of renderers.slackPicker(options)) parts.push({ surface: "slack", part: "option", text: option.text.text, limit: 75 });
  for (const choice of renderers.discordChoices(options)) parts.push({ surface: "discord", part: "autocomplete choice", text: choice.name, limit: 100 });
  return parts;
}

/** Zero-width characters the escapers add on purpose to keep broadcast words inert, and Discord's empty-field filler. */
const ESCAPER_JOINERS = /@[\u2060\u200B](?=channel|here|everyone)/gi;
/** Joiners that carry meaning: between emoji, and between letters of scripts that join. */
const MEANINGFUL_JOINERS =
  /(?<=\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)\u200D(?=\p{Extended_Pictographic})|(?<=[\p{Script=Arabic}\p{Script=Devanagari}])[\u200C\u200D](?=[\p{Script=Arabic}\p{Script=Devanagari}])/gu;
const FLAG_TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;

const DECEPTIVE: [string, RegExp][] = [
  ["bidi control", /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u],
  ["zero-width character", /[\u200B-\u200D\u2060\uFEFF]/u],
  ["other invisible format character", /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u],
  ["control character", /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u],
];

/** Slack mrkdwn control sequences that would ping or link if they arrived unescaped. */
const SLACK_LIVE = /<[!@#]|<https?:[^>]*\|/;
/** The card link everyPartReply sets on purpose: Rapport's own link, labelled with (escaped) user text. */
const CARD_URL = "https://acme.example/";

export function deceptiveProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.isWellFormed()) problems.push("lone surrogate");
  const visible = text === "\u200B" ? "" : text.replace(ESCAPER_JOINERS, "@").replace(MEANINGFUL_JOINERS, "").replace(FLAG_TAGS, "🏴");
  for (const [problem, pattern] of DECEPTIVE) if (pattern.test(visible)) problems.push(problem);
  return problems;
}

export function inspectParts(parts: readonly RenderedPart[]): Violation[] {
  const violations: Violation[] = [];
  const add = (part: RenderedPart, problem: string) =>
    violations.push({ surface: part.surface, part: part.part, problem, sample: JSON.stringify(part.text.slice(0, 60)) });
  for (const part of parts) {
    for (const problem of deceptiveProblems(part.text)) add(part, problem);
    if (part.limit !== undefined && part.text.length > part.limit) add(part, `over the ${part.limit}-character limit`);
    if (part.markup && SLACK_LIVE.test(part.text.replaceAll(`<${CARD_URL}|`, ""))) add(part, "live mention or spoofed link");
  }
  return violations;
}

/** Message-level limits and mention settings, which no single part shows. */
export function inspectMessages(renderers: Renderers, replies: readonly Reply[]): string[] {
  const problems: string[] = [];
  for (const reply of replies) {
    if (renderers.slack(reply).blocks.length > 50) problems.push("slack: over 50 blocks");
    if (renderers.slackHome(reply).blocks.length > 100) problems.push("slack home: over 100 blocks");
    const discord = renderers.discord(reply);
    if (discord.allowedMentions.parse.length !== 0) problems.push("discord: mentions parsed");
    if (discord.embeds.length > 10) problems.push("discord: over 10 embeds");
    const total = discord.embeds.reduce(
      (sum, embed) =>
        sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
      0,
    );
    if (total > 6000) problems.push("discord: over 6000 characters of embeds");
    if (discord.embeds.some((embed) => (embed.fields?.length ?? 0) > 25)) problems.push("discord: over 25 fields");
  }
  return problems;
}

/** A reply that puts `text` in every text-bearing part of the reply model. */
export function everyPartReply(text: string): Reply {
  const button = (label: string) => ({ label, action: { kind: "run" as const, command: "show #1" } });
  return {
    title: text,
    visibility: "ephemeral",
    blocks: [
      { type: "text", text },
      { type: "text", text, tone: "muted" },
      { type: "text", text, tone: "warning" },
      { type: "fields", fields: [{ label: text, value: text }] },
      { type: "card", title: text, subtitle: text, url: CARD_URL, text, fields: [{ label: text, value: text, inline: true }], buttons: [button(text), button("Orders")] },
      { type: "list", title: text, items: [{ title: text, detail: text, buttons: [button(text)] }, { title: text, buttons: [button(text), button(text)] }] },
      { type: "table", title: text, columns: [text, "Total"], rows: [[text, "1"]] },
      { type: "buttons", buttons: [button(text)] },
    ],
    paging: { page: 1, pageCount: 2, totalItems: 30, next: "find x page=2" },
    fieldErrors: { summary: text },
  };
}
