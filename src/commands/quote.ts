/**
 * quote <number>                                      show a quote
 * quote new <customer|#D12> <SKU qty price [disc%] [description]>[; ...] [tax=13%] [valid=30d|DATE] [terms=...]
 *                                                     a draft quote (the form takes one line per line)
 * quote send <number>                                 the quote as PDF and XLSX, marked sent
 * quote accept <number>                               the quote becomes an order; its deal is won
 * quote reject <number> reason=...                    the customer declined
 *
 * Numbers follow the workspace's prefix (`Q-{year}-`, `settings workspace quote-prefix=`) and the
 * "quote" number sequence. Amounts are in the customer's currency.
 */
import { z } from "zod";
import { defineCommand, type OptionSpecs } from "../core/command.js";
import type { ValueSchemas } from "../core/command-options.js";
import type { CommandContext } from "../core/context.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { reply } from "../core/reply.js";
import { customerReference, text } from "./shared/arguments.js";
import { acceptQuote, createQuote, expiringQuotes, rejectQuote, sendQuote, showQuote, QUOTE_EXAMPLES } from "./quote-actions.js";

const ACTIONS = ["new", "send", "accept", "reject", "expiring"] as const;

/** Declared once; forms show customer, lines, tax, validity and terms (a new quote), the rest is typed. */
const options = {
  customer: { kind: "customer", description: "Customer, or a deal as #D12 (new)", schema: customerReference },
  lines: { kind: "text", description: "One line each: SKU quantity unit-price [discount%] [description]", multiline: true, schema: text("lines", 5000) },
  tax: { kind: "text", description: "Tax rate, e.g. 13% (new)", schema: text("tax", 20) },
  valid: { kind: "text", description: "Valid for 30d or until a date (new)", schema: text("valid", 60) },
  terms: { kind: "text", description: "Payment terms, e.g. 30 days net (new)", schema: text("terms", 200) },
  action: { kind: "choice", description: "new, send, accept, reject or expiring; empty shows a quote", choices: ACTIONS, inForms: false },
  number: { kind: "text", description: "Quote number, e.g. Q-2026-0001", schema: text("number", 60), inForms: false },
  reason: { kind: "text", description: "Why the customer declined (reject)", schema: text("reason", 300), inForms: false },
} as const satisfies OptionSpecs;

type Values = ValueSchemas<typeof options>;

const argsSchema = (o: Values) =>
  z
    .object({
      action: o.action.optional(),
      customer: o.customer.optional(),
      lines: o.lines.optional(),
      tax: o.tax.optional(),
      valid: o.valid.optional(),
      terms: o.terms.optional(),
      number: o.number.optional(),
      reason: o.reason.optional(),
    })
    // A form has no action: with a customer it is a new quote.
    .transform((args) => (args.action === undefined && args.customer !== undefined ? { ...args, action: "new" as const } : args))
    .superRefine((args, issue) => {
      if (args.action !== undefined && args.action !== "new" && args.action !== "expiring" && !args.number) {
        issue.addIssue({ code: "custom", path: ["number"], message: englishOf("quote.numberMissing", { example: args.action ? QUOTE_EXAMPLES[args.action] : "quote Q-2026-0001" }) });
      }
      if (args.action === "reject" && !args.reason) {
        issue.addIssue({ code: "custom", path: ["reason"], message: englishOf("quote.reasonMissing", { example: QUOTE_EXAMPLES.reject }) });
      }
    });

const KEYED = new Set(["tax", "valid", "terms", "reason"]);

/** `key=value` words for the keyed options; a value may run on over the next words until another key. */
function takeKeyed(words: readonly string[]): { rest: string[]; keyed: Record<string, string> } {
  const rest: string[] = [];
  const keyed: Record<string, string> = {};
  let current: string | null = null;
  for (const [at, word] of words.entries()) {
    const pair = /^([a-z_]+)=(.*)$/i.exec(word);
    const key = pair?.[1]?.toLowerCase();
    if (key && KEYED.has(key)) {
      current = key;
      keyed[key] = pair![2]!.replace(/^["“「](.*)["”」]$/, "$1");
    } else if (current === "terms" && linesStart(["", ...words.slice(at)]) === 1) {
      // `terms=Net 30 WID-1 2 10`: the terms end where a line starts.
      current = null;
      rest.push(word);
    } else if (current === "reason" || current === "terms") {
      // Free text: `reason=too expensive this year` without quotes.
      keyed[current] = `${keyed[current]} ${word}`.trim();
    } else {
      rest.push(word);
    }
  }
  return { rest, keyed };
}

/** Where the customer words end and the first line (`SKU qty price`) starts; -1 when none does. */
function linesStart(words: readonly string[]): number {
  for (let at = 1; at < words.length; at++) {
    const quantity = words[at + 1]?.normalize("NFKC");
    const price = words[at + 2];
    // A quantity that is a number of any kind (-2, 2.5) still starts a line, so its line gets the message about it.
    if (quantity !== undefined && price !== undefined && /^[-−]?\d+(?:[.,]\d+)?$/.test(quantity) && /\d/.test(price)) return at;
  }
  return -1;
}

function parseQuoteWords(words: string[]): Record<string, unknown> {
  const [first, ...after] = words;
  const action = first?.toLowerCase();
  const { rest, keyed } = takeKeyed(action && (ACTIONS as readonly string[]).includes(action) ? after : words);
  if (action === "new") {
    const end = linesStart(rest);
    const customer = (end < 0 ? rest : rest.slice(0, end)).join(" ") || undefined;
    const lines = end < 0 ? undefined : rest.slice(end).join(" ");
    return { action, customer, lines, ...keyed };
  }
  if (action === "expiring") return { action };
  if (action === "send" || action === "accept" || action === "reject") {
    const [number, ...reason] = rest;
    const args: Record<string, unknown> = { action, number, ...keyed };
    if (action === "reject" && !keyed.reason && reason.length) args.reason = reason.join(" ");
    else if (reason.length) args.number = rest.join(" ");
    return args;
  }
  return { number: rest.join(" ") || undefined, ...keyed };
}

export const quoteCommand = defineCommand({
  name: "quote",
  summary: "Create a quote, show it, send it as PDF and XLSX, turn it into an order or record a rejection",
  usage: "quote <quote number> | quote new <customer|#D12> <lines> [tax=] [valid=] [terms=] | quote send <quote number> | quote accept <quote number> | quote reject <quote number> reason= | quote expiring",
  examples: ["quote Q-2026-0001", QUOTE_EXAMPLES.new, QUOTE_EXAMPLES.send, QUOTE_EXAMPLES.accept, QUOTE_EXAMPLES.reject],
  formTitle: "New quote",
  topic: "sales",
  options,
  schema: argsSchema,
  parseText: parseQuoteWords,
  writes: (args) => args.action !== undefined && args.action !== "expiring",
  async handler(args, ctx: CommandContext) {
    switch (args.action) {
      case "new":
        if (!args.customer || !args.lines) return formPrompt(ctx, args.customer);
        return createQuote({ customer: args.customer, lines: args.lines, tax: args.tax, valid: args.valid, terms: args.terms }, ctx);
      case "send":
        return sendQuote(args.number!, ctx);
      case "accept":
        return acceptQuote(args.number!, ctx);
      case "reject":
        return rejectQuote(args.number!, args.reason!, ctx);
      case "expiring":
        return expiringQuotes(ctx);
      default:
        // `quote` alone: the form for a new quote.
        return args.number ? showQuote(args.number, ctx) : formPrompt(ctx, undefined);
    }
  },
});

/** `quote new` without lines: the form, where each line has its own row (prefilled with the customer). */
function formPrompt(ctx: CommandContext, customer: string | undefined) {
  const { t } = ctx;
  return reply.of(t("quote.formPrompt"), [
    { type: "text", text: t("quote.formPromptText", { example: QUOTE_EXAMPLES.new }) },
    { type: "buttons", buttons: [{ label: t("quote.openForm"), style: "primary", action: { kind: "form", command: "quote", prefill: customer ? { customer } : {} } }] },
  ]);
}
