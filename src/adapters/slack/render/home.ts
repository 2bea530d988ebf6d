/**
 * The App Home tab: the member's workbench. Each section is a command's reply (follow-ups due today,
 * overdue, ...) rendered with the same renderer as messages, under a header, within the 100-block
 * limit of a Home view.
 */
import type { types as slack } from "@slack/bolt";
import type { Button, Reply } from "../../../core/reply.js";
import { renderBlocks, renderButton, type SlackBlock } from "./render-reply.js";
import { SLACK_LIMITS, truncate } from "./limits.js";
import { neutralisePlain } from "./escape.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import { createTranslator, type MessageKey } from "../../../core/i18n/index.js";

export type HomeSection = { heading: string; reply: Reply };

export const HOME_QUICK_BUTTONS: Button[] = [
  { label: "New customer", style: "primary", action: { kind: "form", command: "new", prefill: {} } },
  { label: "Log an interaction", action: { kind: "form", command: "log", prefill: {} } },
  { label: "Follow-ups this week", action: { kind: "run", command: "followups week" } },
  { label: "Help", action: { kind: "run", command: "help" } },
];

// The Home's own words, by their English text; a reply's locale says the viewer's language.
const HOME_WORDS: Readonly<Record<string, MessageKey>> = {
  "Your Rapport workbench": "home.title",
  "New customer": "home.newCustomer",
  "Log an interaction": "home.logInteraction",
  "Follow-ups this week": "home.followupsThisWeek",
  Help: "home.help",
  "Follow-ups due today": "home.followupsToday",
  "Overdue follow-ups": "home.followupsOverdue",
  "Overdue payments": "home.overduePayments",
};

function homeTranslator(sections: HomeSection[]): (english: string) => string {
  const locale = sections.find(({ reply }) => reply.locale && reply.locale !== "en")?.reply.locale;
  if (!locale) return (english) => english;
  const t = createTranslator(locale);
  return (english) => (Object.hasOwn(HOME_WORDS, english) ? t(HOME_WORDS[english]!) : english);
}

/** `neutralise` is for tests (the identity shows the hostile-text check can fail); headings and labels go through it too. */
export function buildHomeView(
  sections: HomeSection[],
  quickButtons: Button[] = HOME_QUICK_BUTTONS,
  { neutralise = neutraliseText }: { neutralise?: Neutraliser } = {},
): slack.HomeView {
  const slots = { next: 1000 };
  const local = homeTranslator(sections);
  const quick = quickButtons.map((button) => renderButton({ ...button, label: neutralise(local(button.label)) }, slots)).filter((button): button is slack.Button => button !== undefined);
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: local("Your Rapport workbench"), emoji: true } }];
  if (quick.length) blocks.push({ type: "actions", elements: quick.slice(0, SLACK_LIMITS.actionsElements) });
  const perSection = Math.floor((SLACK_LIMITS.viewBlocks - blocks.length) / Math.max(1, sections.length));
  for (const { heading, reply } of sections) {
    const body = renderBlocks({ ...reply, visibility: "channel" }, { maxBlocks: perSection - 2, neutralise });
    blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: truncate(neutralisePlain(neutralise(local(heading))), 150) || " ", emoji: true } }, ...body);
  }
  return { type: "home", blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks) };
}
