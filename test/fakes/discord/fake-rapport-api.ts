/**
 * A small in-memory RapportApi for the Discord adapter's tests, standing in for the real core until
 * `createRapport(...)` exists. It honours the contract the adapter relies on: commands come with
 * option metadata, writes are idempotent per idempotency key and return an Undo button, undo is
 * checked against tenant and member, pick is fuzzy and limited.
 */
import { z } from "zod";
import type { Actor } from "../../../src/core/actor.js";
import type { CommandDefinition } from "../../../src/core/command.js";
import { reply, type Reply } from "../../../src/core/reply.js";
import type { PickerOption, RapportApi } from "../../../src/core/service-api.js";

export type FakeCustomer = { id: number; name: string; city: string };
export type LoggedInteraction = {
  id: number;
  actor: Actor;
  customerId: number;
  channel: string;
  summary: string;
  next?: string;
  outcome?: string;
  link?: string;
  undone: boolean;
};

export type ApiCall =
  | { method: "runText"; actor: Actor; text: string; idempotencyKey?: string; messageLink?: string }
  | { method: "runArgs"; actor: Actor; command: string; args: Record<string, unknown>; idempotencyKey?: string }
  | { method: "undo"; actor: Actor; token: string; idempotencyKey?: string }
  | { method: "pick"; actor: Actor; kind: string; query: string; limit: number };

const CHANNELS = ["call", "email", "meeting", "visit", "chat", "note"] as const;
const OUTCOMES = ["effective", "high-value", "unsuccessful"] as const;
const PAGE_SIZE = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createFakeRapportApi(options: { slowMs?: number; customers?: FakeCustomer[] } = {}) {
  const slowMs = options.slowMs ?? 5_000;
  const customers: FakeCustomer[] = options.customers ?? [
    { id: 1, name: "Acme Corp", city: "Berlin" },
    { id: 2, name: "Globex", city: "Springfield" },
    { id: 3, name: "@everyone Party Supplies <@&999>", city: "**Bold** City" },
    ...Array.from({ length: 40 }, (_, index) => ({ id: 10 + index, name: `Acme Branch ${index + 1}`, city: "Hamburg" })),
  ];
  const logged: LoggedInteraction[] = [];
  const calls: ApiCall[] = [];
  const repliesByKey = new Map<string, Reply>();
  const undoTokens = new Map<string, LoggedInteraction>();

  const findCustomer = (ref: string): FakeCustomer | undefined => {
    const trimmed = ref.trim();
    const byId = trimmed.match(/^#?(\d+)$/);
    if (byId) return customers.find((customer) => customer.id === Number(byId[1]));
    return customers.find((customer) => customer.name.toLowerCase() === trimmed.toLowerCase())
      ?? customers.find((customer) => customer.name.toLowerCase().includes(trimmed.toLowerCase()));
  };

  const customerRef = z.string().min(1, "Which customer?");

  const find = {
    name: "find",
    summary: "Find customers by name",
    usage: "find <text>",
    examples: ["find acme"],
    options: [{ name: "query", kind: "text", description: "Part of the customer's name", required: true }],
    schema: z.object({ query: z.string().min(1, "What should I look for?"), page: z.coerce.number().int().min(1).optional() }),
    parseText: (words: string[]) => {
      const page = words.at(-1)?.match(/^page=(\d+)$/);
      return page ? { query: words.slice(0, -1).join(" "), page: page[1] } : { query: words.join(" ") };
    },
    writes: false,
    handler: async (args: { query: string; page?: number }) => {
      const matches = customers.filter((customer) => customer.name.toLowerCase().includes(args.query.toLowerCase()));
      if (matches.length === 0) return reply.error(`No customer matches "${args.query}".`, "find acme");
      const page = args.page ?? 1;
      const pageCount = Math.ceil(matches.length / PAGE_SIZE);
      const items = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((customer) => ({
        title: customer.name,
        detail: `#${customer.id} · ${customer.city}`,
        buttons: [{ label: "Show", action: { kind: "run" as const, command: `show #${customer.id}` } }],
      }));
      return reply.of(`Customers matching "${args.query}"`, [{ type: "list", items }], {
        paging: {
          page,
          pageCount,
          totalItems: matches.length,
          ...(page > 1 ? { previous: `find ${args.query} page=${page - 1}` } : {}),
          ...(page < pageCount ? { next: `find ${args.query} page=${page + 1}` } : {}),
        },
      });
    },
  } satisfies CommandDefinition;

  const show = {
    name: "show",
    summary: "Show a customer",
    usage: "show <customer>",
    examples: ["show #1"],
    options: [{ name: "customer", kind: "customer", description: "The customer", required: true }],
    schema: z.object({ customer: customerRef }),
    parseText: (words: string[]) => ({ customer: words.join(" ") }),
    writes: false,
    handler: async (args: { customer: string }) => {
      const customer = findCustomer(args.customer);
      if (!customer) return reply.error(`No customer "${args.customer}".`);
      const history = logged.filter((entry) => entry.customerId === customer.id && !entry.undone);
      return reply.of(customer.name, [
        {
          type: "card",
          title: customer.name,
          subtitle: `#${customer.id}`,
          fields: [
            { label: "City", value: customer.city, inline: true },
            { label: "Interactions", value: String(history.length), inline: true },
          ],
          buttons: [
            { label: "Log call", style: "primary", action: { kind: "form", command: "log", prefill: { customer: `#${customer.id}`, channel: "call" } } },
            { label: "Set follow-up", action: { kind: "form", command: "log", prefill: { customer: `#${customer.id}` } } },
            { label: "Orders", action: { kind: "run", command: `orders #${customer.id}` } },
          ],
        },
      ]);
    },
  } satisfies CommandDefinition;

  const log = {
    name: "log",
    summary: "Log an interaction with a customer",
    usage: "log <customer> <channel> <summary>",
    examples: ["log acme call Discussed renewal"],
    options: [
      { name: "customer", kind: "customer", description: "The customer", required: true },
      { name: "channel", kind: "choice", description: "How you talked", required: true, choices: CHANNELS },
      { name: "summary", kind: "text", description: "What happened", required: true },
      { name: "next", kind: "date", description: "Next follow-up, e.g. next friday", required: false },
      { name: "outcome", kind: "choice", description: "How it went", required: false, choices: OUTCOMES },
      { name: "link", kind: "text", description: "Link to the conversation", required: false },
    ],
    schema: z.object({
      customer: customerRef,
      channel: z.enum(CHANNELS),
      summary: z.string().min(1, "Say what happened."),
      next: z.string().optional(),
      outcome: z.enum(OUTCOMES).optional(),
      link: z.string().optional(),
    }),
    parseText: (words: string[]) => ({ customer: words[0], channel: words[1], summary: words.slice(2).join(" ") }),
    writes: true,
    handler: async () => reply.text("unused"),
  } satisfies CommandDefinition;

  const orders = {
    name: "orders",
    summary: "List a customer's orders",
    usage: "orders <customer>",
    examples: ["orders #1"],
    options: [
      { name: "customer", kind: "customer", description: "The customer", required: true },
      { name: "page", kind: "integer", description: "Page number", required: false },
    ],
    schema: z.object({ customer: customerRef, page: z.coerce.number().int().min(1).optional() }),
    parseText: (words: string[]) => ({ customer: words[0], page: words[1] }),
    writes: false,
    handler: async (args: { customer: string; page?: number }) => {
      const customer = findCustomer(args.customer);
      if (!customer) return reply.error(`No customer "${args.customer}".`);
      return reply.of(`Orders of ${customer.name}`, [
        { type: "table", columns: ["Order", "Total"], rows: [["#1001", "1,200.00"], ["#1002", "80.50"]], align: ["left", "right"] },
      ], { visibility: "channel" });
    },
  } satisfies CommandDefinition;

  const pipeline = {
    name: "pipeline",
    summary: "Pipeline report (slow: it scans every order)",
    usage: "pipeline [me|channel]",
    examples: ["pipeline", "pipeline channel"],
    options: [{ name: "audience", kind: "choice", description: "Who sees the report", required: false, choices: ["me", "channel"] }],
    schema: z.object({ audience: z.enum(["me", "channel"]).optional() }),
    parseText: (words: string[]) => (words[0] ? { audience: words[0] } : {}),
    writes: false,
    handler: async (args: { audience?: "me" | "channel" }) => {
      await sleep(slowMs);
      return reply.of("Pipeline", [{ type: "fields", fields: [{ label: "Open deals", value: "12" }] }], {
        visibility: args.audience === "channel" ? "channel" : "ephemeral",
      });
    },
  } satisfies CommandDefinition;

  const commands = [find, show, log, orders, pipeline] as unknown as readonly CommandDefinition[];

  function logWrite(actor: Actor, args: z.infer<typeof log.schema>): Reply {
    const customer = findCustomer(args.customer);
    if (!customer) {
      return { ...reply.error(`No customer "${args.customer}".`), fieldErrors: { customer: "No such customer." } };
    }
    const entry: LoggedInteraction = {
      id: logged.length + 1,
      actor,
      customerId: customer.id,
      channel: args.channel,
      summary: args.summary,
      ...(args.next ? { next: args.next } : {}),
      ...(args.outcome ? { outcome: args.outcome } : {}),
      ...(args.link ? { link: args.link } : {}),
      undone: false,
    };
    logged.push(entry);
    const token = `undo-${entry.id}`;
    undoTokens.set(token, entry);
    return reply.of(`Logged ${args.channel} with ${customer.name}`, [
      {
        type: "card",
        title: `${args.channel} with ${customer.name}`,
        ...(args.link ? { url: args.link } : {}),
        fields: [
          { label: "Summary", value: args.summary },
          ...(args.outcome ? [{ label: "Outcome", value: args.outcome, inline: true }] : []),
          ...(args.next ? [{ label: "Next follow-up", value: args.next, inline: true }] : []),
        ],
        buttons: [{ label: "Undo", style: "danger", action: { kind: "undo", token } }],
      },
    ]);
  }

  async function run(actor: Actor, name: string, rawArgs: Record<string, unknown>, idempotencyKey?: string): Promise<Reply> {
    const definition = commands.find((command) => command.name === name);
    if (!definition) return reply.error(`Unknown command "${name}".`, "find acme");
    if (definition.writes && idempotencyKey && repliesByKey.has(idempotencyKey)) return repliesByKey.get(idempotencyKey)!;
    const parsed = definition.schema.safeParse(rawArgs);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "input"), issue.message]));
      return { ...reply.error(parsed.error.issues[0]?.message ?? "Invalid input.", definition.examples[0]), fieldErrors };
    }
    const result = name === "log" ? logWrite(actor, parsed.data as z.infer<typeof log.schema>) : await definition.handler(parsed.data, {} as never);
    if (definition.writes && idempotencyKey) repliesByKey.set(idempotencyKey, result);
    return result;
  }

  const api: RapportApi = {
    commands,
    async runText(input) {
      calls.push({ method: "runText", ...input });
      const [name = "", ...words] = input.text.trim().split(/\s+/);
      const definition = commands.find((command) => command.name === name);
      if (!definition) return reply.error(`Unknown command "${name}".`, "find acme");
      return run(input.actor, name, definition.parseText(words), input.idempotencyKey);
    },
    async runArgs(input) {
      calls.push({ method: "runArgs", ...input });
      return run(input.actor, input.command, input.args, input.idempotencyKey);
    },
    async undo(input) {
      calls.push({ method: "undo", ...input });
      const entry = undoTokens.get(input.token);
      if (!entry || entry.undone) return reply.error("Nothing to undo (it may have expired).");
      if (entry.actor.tenantExternalId !== input.actor.tenantExternalId || entry.actor.userExternalId !== input.actor.userExternalId) {
        return reply.error("Only the person who logged this can undo it.");
      }
      entry.undone = true;
      return reply.text("Undone", `Removed the ${entry.channel} log.`);
    },
    async pick(input): Promise<PickerOption[]> {
      calls.push({ method: "pick", ...input });
      const query = input.query.toLowerCase();
      return customers
        .filter((customer) => customer.name.toLowerCase().includes(query))
        .slice(0, input.limit)
        .map((customer) => ({ label: `${customer.name} (${customer.city})`, value: `#${customer.id}` }));
    },
  };

  return {
    api,
    calls,
    logged,
    /** Writes that actually happened (not replays, not undone ones excluded). */
    writes: () => logged.length,
  };
}
