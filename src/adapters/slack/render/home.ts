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
import { createTranslator, isMessageKey } from "../../../core/i18n/index.js";

/** `heading`: a catalog key (translated for the viewer) or text already in the viewer's words. */
export type HomeSection = { heading: string; reply: Reply };

/** Quick buttons; their labels are catalog keys. */
export const HOME_QUICK_BUTTONS: Button[] = [
  { label: "home.newCustomer", style: "primary", action: { kind: "form", command: "new", prefill: {} } },
  { label: "home.logInteraction", action: { kind: "form", command: "log", prefill: {} } },
  { label: "home.followupsThisWeek", action: { kind: "run", command: "followups week" } },
  { label: "home.help", action: { kind: "run", command: "help" } },
];

/** The viewer's language is the one its sections were written in (a reply carries its locale). */
function homeTranslator(sections: HomeSection[]): (keyOrText: string) => string {
  const locale = sections.find(({ reply }) => reply.locale)?.reply.locale ?? "en";
  const t = createTranslator(locale);
  return (keyOrText) => (isMessageKey(keyOrText) ? t(keyOrText) : keyOrText);
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
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: local("home.title"), emoji: true } }];
  if (quick.length) blocks.push({ type: "actions", elements: quick.slice(0, SLACK_LIMITS.actionsElements) });
  const perSection = Math.floor((SLACK_LIMITS.viewBlocks - blocks.length) / Math.max(1, sections.length));
  for (const { heading, reply } of sections) {
    const body = renderBlocks({ ...reply, visibility: "channel" }, { maxBlocks: perSection - 2, neutralise });
    blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: truncate(neutralisePlain(neutralise(local(heading))), 150) || " ", emoji: true } }, ...body);
  }
  return { type: "home", blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks) };
}
