/**
 * A customer's notes in the customer file, and whole with `show <customer> notes`. The file shows
 * at most NOTES_IN_CARD characters of them, then says how many more there are and the command that
 * shows them all, in the reader's words ("… (1,234 more characters; `show #3 notes`)"), instead of
 * the bare "…" a platform limit (Slack's 3,000 characters per section) would leave.
 */
import type { CommandContext } from "../core/context.js";
import type { Block } from "../core/reply.js";
import { reply, type Reply } from "../core/reply.js";
import { createTranslator, LOCALES } from "../core/i18n/index.js";
import { COMMAND_WORDS, commandName, type CommandWord } from "../core/i18n/index.js";
import { truncateText } from "../core/text/truncate.js";

/** Characters of notes the customer file shows: with its label and the hint, one Slack section (3,000). */
export const NOTES_IN_CARD = 2_800;
/** Characters per block of the whole notes (each one Slack section). */
const NOTES_BLOCK = 2_800;

/** The words that ask for the notes after a customer: `notes`, `备注`, `備註`, `메모`. */
const NOTES_WORDS = new Set(LOCALES.map((locale) => createTranslator(locale)("choice.notes").toLowerCase()));

/**
 * `show <customer> [notes]`: the last word asks for the notes when it is one of NOTES_WORDS and a
 * customer comes before it (`show notes` alone looks for a customer called "notes").
 */
export function parseShowWords(words: readonly string[]): Record<string, unknown> {
  const last = words.at(-1);
  if (words.length > 1 && last !== undefined && NOTES_WORDS.has(last.normalize("NFKC").toLowerCase())) {
    return { customer: words.slice(0, -1).join(" "), section: "notes" };
  }
  return words.length ? { customer: words.join(" ") } : {};
}

function localName(name: string, ctx: CommandContext): string {
  return Object.hasOwn(COMMAND_WORDS, name) ? commandName(name as CommandWord, ctx.locale) : name;
}

/** `show #3 notes` as the reader types it. */
export function showNotesCommand(ctx: CommandContext, customerId: number): string {
  return `${localName("show", ctx)} #${customerId} ${ctx.t("choice.notes")}`;
}

/** The notes as the customer file shows them: whole when short, else cut with what is left and how to see it. */
export function notesBlock(ctx: CommandContext, customerId: number, notes: string): Block {
  const characters = [...notes];
  if (characters.length <= NOTES_IN_CARD) return { type: "text", text: ctx.t("show.notes", { notes }) };
  // truncateText keeps room for its own ellipsis, which is replaced by the hint.
  const kept = truncateText(notes, NOTES_IN_CARD + 1, { measure: (part) => [...part].length }).replace(/…$/, "");
  const more = characters.length - [...kept].length;
  return { type: "text", text: ctx.t("show.notes", { notes: `${kept}${ctx.t("show.notesCut", { count: more, command: showNotesCommand(ctx, customerId) })}` }) };
}

/** Whole notes in blocks a platform shows without cutting, split at line ends or spaces where possible. */
export function notesChunks(notes: string, size = NOTES_BLOCK): string[] {
  const chunks: string[] = [];
  let rest = notes;
  while ([...rest].length > size) {
    const head = [...rest].slice(0, size).join("");
    const breakAt = Math.max(head.lastIndexOf("\n"), head.lastIndexOf(" "));
    const cut = breakAt > size / 2 ? breakAt + 1 : head.length;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  if (rest.trim() || !chunks.length) chunks.push(rest);
  return chunks;
}

/** `show <customer> notes`: the whole notes, or that there are none and how to add them. */
export function notesReply(ctx: CommandContext, customer: { id: number; name: string; notes: string | null }): Reply {
  const title = ctx.t("show.notesTitle", { customer: customer.name });
  if (!customer.notes?.trim()) {
    const example = `${localName("edit", ctx)} #${customer.id} notes="…"`;
    return reply.text(title, ctx.t("show.noNotes", { customer: customer.name, example }));
  }
  return reply.of(title, notesChunks(customer.notes).map((text) => ({ type: "text" as const, text })));
}
