/**
 * A small in-memory RapportApi for adapter tests, until the real core is wired in. It records every
 * call, keeps writes idempotent per key (as the core promises), and has a few commands shaped like
 * the real ones: `find` (a list and a customer card with buttons), `log` / `new` (writes with an
 * Undo button and field errors), `followups`, `many <n>` (long lists), `slow` (a slow database).
 */
import { z } from "zod";
import type { Actor } from "../../../src/core/actor.js";
import type { CommandDefinition, CommandOption } from "../../../src/core/command.js";
import type { Block, Reply } from "../../../src/core/reply.js";
import type { PickerOption, RapportApi } from "../../../src/core/service-api.js";

export type FakeCustomer = { id: number; name: string; owner: string; grade?: string };

export type FakeApiCall =
  | { fn: "runText"; actor: Actor; text: string; idempotencyKey?: string; messageLink?: string }
  | { fn: "runArgs"; actor: Actor; command: string; args: Record<string, unknown>; idempotencyKey?: string }
  | { fn: "undo"; actor: Actor; token: string; idempotencyKey?: string }
  | { fn: "pick"; actor: Actor; kind: string; query: string; limit: number };

const CHANNELS = ["call", "email", "meeting", "visit", "chat", "note"] as const;
const OUTCOMES = ["effective", "high-value", "unsuccessful"] as const;

function definition(name: string, options: CommandOption[], writes: boolean, summary = name): CommandDefinition {
  return {
    name,
    summary,
    usage: `${name} ${options.map((option) => `<${option.name}>`).join(" ")}`.trim(),
    examples: [],
    options,
    schema: z.record(z.string(), z.unknown()),
    parseText: (words) => ({ text: words.join(" ") }),
    writes,
    handler: async () => {
      throw new Error("The fake RapportApi runs commands itself.");
    },
  };
}

export const FAKE_COMMANDS: readonly CommandDefinition[] = [
  definition("find", [{ name: "text", kind: "text", description: "Search text", required: true }], false, "Find customers"),
  definition(
    "log",
    [
      { name: "customer", kind: "customer", description: "Customer name fragment or #id", required: true },
      { name: "channel", kind: "choice", description: "How you talked", required: true, choices: CHANNELS },
      { name: "summary", kind: "text", description: "What was said or agreed", required: true },
      { name: "next", kind: "date", description: "Next follow-up date", required: false },
      { name: "outcome", kind: "choice", description: "How it went", required: false, choices: OUTCOMES },
      { name: "link", kind: "text", description: "Link to the chat message", required: false },
    ],
    true,
    "Log an interaction",
  ),
  definition(
    "new",
    [
      { name: "name", kind: "text", description: "Customer name", required: true },
      { name: "fields", kind: "fields", description: "field=value pairs", required: false },
    ],
    true,
    "Create a customer",
  ),
  definition(
    "followup",
    [
      { name: "customer", kind: "customer", description: "Customer", required: true },
      { name: "date", kind: "date", description: "When", required: true },
    ],
    true,
  ),
  definition("followups", [{ name: "when", kind: "choice", description: "today|overdue", required: false, choices: ["today", "overdue"] }], false),
  definition("many", [{ name: "count", kind: "integer", description: "How many", required: true }], false),
  definition("slow", [], false),
  definition("help", [], false),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeRapportApi implements RapportApi {
  readonly commands = FAKE_COMMANDS;
  readonly calls: FakeApiCall[] = [];
  /** How long `slow` takes (ms). */
  slowMs = 5_000;
  /** Added to every runText/runArgs call (ms): a slow database. */
  latencyMs = 0;
  /** Thrown by the next call, to test the apology path. */
  failNext: Error | undefined;
  private readonly byKey = new Map<string, Promise<Reply>>();
  private undoCounter = 0;
  readonly undone = new Set<string>();

  constructor(
    readonly customers: FakeCustomer[] = [
      { id: 1, name: "Acme Corp", owner: "Pat", grade: "A" },
      { id: 2, name: "Acme Logistics", owner: "Sam" },
      { id: 3, name: "Globex", owner: "Pat", grade: "B" },
    ],
  ) {}

  callsOf<F extends FakeApiCall["fn"]>(fn: F): Extract<FakeApiCall, { fn: F }>[] {
    return this.calls.filter((call): call is Extract<FakeApiCall, { fn: F }> => call.fn === fn);
  }

  async runText(input: { actor: Actor; text: string; idempotencyKey?: string; messageLink?: string }): Promise<Reply> {
    this.calls.push({ fn: "runText", ...input });
    await sleep(this.latencyMs);
    this.maybeFail();
    const [name = "help", ...words] = input.text.trim().split(/\s+/).filter(Boolean);
    const rest = words.join(" ");
    switch (name.toLowerCase()) {
      case "find":
        return this.find(rest);
      case "followups":
        return this.followups(rest || "today");
      case "many":
        return this.many(Number(words[0] ?? "10"), Number(words[1] ?? "1"));
      case "slow":
        await sleep(this.slowMs);
        return { title: "Slow answer", blocks: [{ type: "text", text: "Finally done." }], visibility: "ephemeral" };
      case "log": {
        const [customer, channel, ...summary] = words;
        return this.once(input.idempotencyKey, () => this.log({ customer, channel, summary: summary.join(" ") }));
      }
      case "help":
        return { title: "Rapport commands", blocks: [{ type: "text", text: this.commands.map((command) => command.usage).join("\n") }], visibility: "ephemeral" };
      default:
        return { title: `I don't know "${name}"`, blocks: [{ type: "text", text: `I don't know "${name}". Try help.`, tone: "error" }], visibility: "ephemeral", isError: true };
    }
  }

  async runArgs(input: { actor: Actor; command: string; args: Record<string, unknown>; idempotencyKey?: string }): Promise<Reply> {
    this.calls.push({ fn: "runArgs", ...input });
    await sleep(this.latencyMs);
    this.maybeFail();
    switch (input.command) {
      case "log":
        return this.once(input.idempotencyKey, () => this.log(input.args));
      case "new":
        return this.once(input.idempotencyKey, async () => {
          const name = String(input.args.name ?? "");
          if (!name) return { title: "Name needed", blocks: [], visibility: "ephemeral", isError: true, fieldErrors: { name: "The customer name is required." } };
          const customer = { id: this.customers.length + 1, name, owner: "Pat" };
          this.customers.push(customer);
          return { title: `Created ${name}`, blocks: [this.card(customer), this.undoButton()], visibility: "ephemeral" };
        });
      case "slow":
        await sleep(this.slowMs);
        return { title: "Slow answer", blocks: [], visibility: "ephemeral" };
      default:
        return this.runText({ actor: input.actor, text: [input.command, ...Object.values(input.args).map(String)].join(" ") });
    }
  }

  async undo(input: { actor: Actor; token: string; idempotencyKey?: string }): Promise<Reply> {
    this.calls.push({ fn: "undo", ...input });
    this.maybeFail();
    if (this.undone.has(input.token)) return { title: "Already undone", blocks: [{ type: "text", text: "That was already undone." }], visibility: "ephemeral", isError: true };
    this.undone.add(input.token);
    return { title: "Undone", blocks: [{ type: "text", text: "Undone: the interaction was removed." }], visibility: "ephemeral" };
  }

  async pick(input: { actor: Actor; kind: "customer" | "order" | "member"; query: string; limit: number }): Promise<PickerOption[]> {
    this.calls.push({ fn: "pick", ...input });
    const query = input.query.toLowerCase();
    return this.customers
      .filter((customer) => customer.name.toLowerCase().includes(query))
      .slice(0, input.limit)
      .map((customer) => ({ label: `${customer.name} (#${customer.id})`, value: `#${customer.id}` }));
  }

  private maybeFail(): void {
    const error = this.failNext;
    if (error) {
      this.failNext = undefined;
      throw error;
    }
  }

  private once(key: string | undefined, run: () => Promise<Reply>): Promise<Reply> {
    if (!key) return run();
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const result = run();
    this.byKey.set(key, result);
    return result;
  }

  /** Number of writes that really happened (idempotent replays excluded). */
  writes = 0;

  private async log(args: Record<string, unknown>): Promise<Reply> {
    const ref = String(args.customer ?? "");
    const customer = this.customers.find((candidate) => `#${candidate.id}` === ref || candidate.name.toLowerCase().includes(ref.toLowerCase()));
    const fieldErrors: Record<string, string> = {};
    if (!ref || !customer) fieldErrors.customer = ref ? `No customer matches "${ref}".` : "Pick a customer.";
    if (!CHANNELS.includes(String(args.channel) as (typeof CHANNELS)[number])) fieldErrors.channel = `The channel must be one of ${CHANNELS.join(", ")}.`;
    if (!args.summary) fieldErrors.summary = "The summary is required.";
    if (Object.keys(fieldErrors).length || !customer) {
      return { title: "Please fix the form", blocks: [{ type: "text", text: Object.values(fieldErrors).join(" "), tone: "error" }], visibility: "ephemeral", isError: true, fieldErrors };
    }
    this.writes += 1;
    return {
      title: `Logged ${String(args.channel)} with ${customer.name}`,
      blocks: [{ type: "text", text: `Logged ${String(args.channel)} with ${customer.name}: ${String(args.summary)}` }, this.undoButton()],
      visibility: "ephemeral",
    };
  }

  private undoButton(): Block {
    this.undoCounter += 1;
    return { type: "buttons", buttons: [{ label: "Undo", style: "danger", action: { kind: "undo", token: `undo-${this.undoCounter}` } }] };
  }

  /** The Undo button of the last write (the fake puts it in a buttons block). */
  lastUndoToken(): string {
    return `undo-${this.undoCounter}`;
  }

  private card(customer: FakeCustomer): Block {
    return {
      type: "card",
      title: customer.name,
      subtitle: `#${customer.id}`,
      fields: [
        { label: "Owner", value: customer.owner, inline: true },
        { label: "Grade", value: customer.grade ?? "-", inline: true },
      ],
      buttons: [
        { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: `#${customer.id}`, channel: "call" } } },
        { label: "Set follow-up", action: { kind: "form", command: "followup", prefill: { customer: `#${customer.id}` } } },
        { label: "Orders", action: { kind: "run", command: `orders #${customer.id}` } },
      ],
    };
  }

  private find(text: string): Reply {
    const hits = this.customers.filter((customer) => customer.name.toLowerCase().includes(text.toLowerCase()));
    if (!hits.length) return { title: `No customer matches "${text}"`, blocks: [{ type: "text", text: `No customer matches "${text}".` }], visibility: "ephemeral", isError: true };
    const [first] = hits;
    return {
      title: `${hits.length} customer(s) match "${text}"`,
      blocks: [
        { type: "list", title: `Customers matching "${text}"`, items: hits.map((customer) => ({ title: customer.name, detail: `owner ${customer.owner}` })) },
        this.card(first!),
      ],
      visibility: "ephemeral",
    };
  }

  private followups(when: string): Reply {
    return {
      title: `Follow-ups ${when}`,
      blocks: [{ type: "list", title: `Follow-ups ${when}`, items: this.customers.slice(0, 2).map((customer) => ({ title: customer.name, detail: when })) }],
      visibility: "ephemeral",
    };
  }

  private many(count: number, page: number): Reply {
    return {
      title: `${count} items`,
      blocks: [{ type: "list", items: Array.from({ length: count }, (_, index) => ({ title: `Item ${index + 1}`, detail: "detail", buttons: [{ label: "Show", action: { kind: "run" as const, command: `show #${index + 1}` } }] })) }],
      visibility: "ephemeral",
      paging: { page, pageCount: 3, totalItems: count * 3, next: `many ${count} ${page + 1}`, ...(page > 1 ? { previous: `many ${count} ${page - 1}` } : {}) },
    };
  }
}
