/**
 * What the message shortcuts answer. "Find in CRM": the customers a message names (one: its
 * customer card through `show`; several: a list with Show and Log call; none: a New customer
 * button with the name prefilled). "Order status": each order number's `order <number>` view
 * (status, lines, shipments, invoiced, paid, open). The commands' own views are reused through
 * `run`, which runs a registry command as the member (permissions and all).
 */
import type { Translate } from "./i18n/index.js";
import { localizeTypedLine } from "./i18n/typed-line.js";
import { customersInMessage, extractMessageCandidates, lookupQueries, orderLookups, type MessageMatch } from "./message-lookup.js";
import { reply, type Block, type Reply } from "./reply.js";
import type { CustomerSearchScope } from "./customer-visibility.js";
import type { PickerOption } from "./service-api.js";
import type { Store } from "./store.js";
import { sliceCodePoints } from "./text/normalize.js";

export type MessageLookupKind = "customers" | "orders";

export type MessageLookupInput = {
  store: Store;
  /** Only the customers the asking member may read (customer-visibility.ts). */
  scope: CustomerSearchScope;
  text: string;
  t: Translate;
  /** Runs a registry command as the member; its reply, as typed input would get it. */
  run(command: string, args: Record<string, unknown>): Promise<Reply>;
};

const EXAMPLE_ORDER = "SO-1042";

const QUOTES: Readonly<Record<string, readonly [string, string]>> = { en: ["“", "”"], "zh-CN": ["“", "”"], "zh-TW": ["「", "」"], ko: ["‘", "’"] };

function quoteList(terms: readonly string[], t: Translate): string {
  const [open, close] = QUOTES[t.locale] ?? ["“", "”"];
  return new Intl.ListFormat(t.locale, { type: "conjunction" }).format(terms.map((term) => `${open}${term}${close}`));
}

function newCustomerButton(name: string | undefined, t: Translate): Block {
  const label = name ? sliceCodePoints(t("messageLookup.newCustomer", { name }), 75) : t("messageLookup.newCustomerPlain");
  return { type: "buttons", buttons: [{ label, action: { kind: "form", command: "new", prefill: name ? { name } : {} } }] };
}

function matchList(matches: readonly MessageMatch[], t: Translate): Reply {
  const heading = t("messageLookup.customersTitle", { count: matches.length });
  return reply.of(heading, [
    {
      type: "list",
      title: heading,
      items: matches.map(({ hit, matchedBy }) => ({
        title: `${hit.name}  #${hit.id}`,
        detail: [
          t("customer.status", { status: hit.status }),
          hit.city,
          hit.ownerName ? t("find.owner", { name: hit.ownerName }) : t("owner.unassigned"),
          t("messageLookup.matchedBy", { terms: matchedBy.join(", ") }),
        ]
          .filter(Boolean)
          .join(" · "),
        buttons: [
          { label: t("button.show"), action: { kind: "run", command: `show #${hit.id}` } },
          { label: t("button.logCall"), style: "primary", action: { kind: "form", command: "log", prefill: { customer: `#${hit.id}`, channel: "call" } } },
        ],
      })),
    },
  ]);
}

/** "Find in CRM": the customer cards a message names, or a way to create the customer. */
export async function findInMessage({ store, scope, text, t, run }: MessageLookupInput): Promise<Reply> {
  const candidates = extractMessageCandidates(text);
  const searched = lookupQueries(candidates);
  if (!searched.length && !candidates.orderNumbers.length && !candidates.otherNumbers.length) {
    return reply.of(t("messageLookup.nothingTitle"), [{ type: "text", text: t("messageLookup.nothingToLookUp") }, newCustomerButton(undefined, t)]);
  }
  const matches = await customersInMessage(store, candidates, undefined, scope);
  if (matches.length === 1) {
    const [only] = matches;
    const card = await run("show", { customer: `#${only!.hit.id}` });
    if (card.isError) return card;
    return { ...card, blocks: [...card.blocks, { type: "text", text: t("messageLookup.matchedBy", { terms: only!.matchedBy.join(", ") }), tone: "muted" }] };
  }
  if (matches.length > 1) return matchList(matches, t);
  const terms = searched.length ? searched : [...candidates.orderNumbers, ...candidates.otherNumbers];
  return reply.of(t("messageLookup.noCustomerTitle"), [
    { type: "text", text: t("messageLookup.noCustomerText", { terms: quoteList(terms, t) }) },
    newCustomerButton(candidates.phrases[0], t),
  ]);
}

/** "Order status": each order the message names, as `order <number>` shows it. */
export async function ordersInMessage({ store, text, t, run }: MessageLookupInput): Promise<Reply> {
  const candidates = extractMessageCandidates(text);
  const numbers = orderLookups(candidates);
  const example = (line: string) => `/crm ${localizeTypedLine(line, t.locale)}`;
  if (!numbers.length) {
    return reply.of(t("messageLookup.noOrderNumbersTitle"), [
      { type: "text", text: t("messageLookup.noOrderNumbers", { example: EXAMPLE_ORDER, command: example(`order ${EXAMPLE_ORDER}`) }) },
    ]);
  }
  const shown: Reply[] = [];
  const missing: string[] = [];
  for (const number of numbers) {
    const order = await store.orders.getByNumber(number);
    if (order) shown.push(await run("order", { number: order.number }));
    // Numbers in other formats may be SKUs or anything else: only the workspace's own are reported missing.
    else if (candidates.orderNumbers.includes(number)) missing.push(number);
  }
  const missingBlocks: Block[] = missing.map((number) => ({ type: "text", text: t("order.notFound", { number }), tone: "warning" }));
  if (!shown.length) {
    const blocks: Block[] = missingBlocks.length ? missingBlocks : [{ type: "text", text: t("messageLookup.noOrderNumbers", { example: EXAMPLE_ORDER, command: example(`order ${EXAMPLE_ORDER}`) }) }];
    return reply.of(t("messageLookup.noOrdersFoundTitle"), blocks);
  }
  if (shown.length === 1 && !missing.length) return shown[0]!;
  const blocks: Block[] = [];
  for (const view of shown) {
    if (blocks.length) blocks.push({ type: "divider" });
    blocks.push(...view.blocks);
  }
  if (missingBlocks.length) blocks.push({ type: "divider" }, ...missingBlocks);
  return reply.of(t("messageLookup.ordersTitle", { count: shown.length }), blocks);
}

/** The customers a message names, best first, for a form's customer field (the name, and "#id" as value). */
export async function customerChoicesInMessage(store: Store, text: string, limit: number, scope: CustomerSearchScope): Promise<PickerOption[]> {
  const matches = await customersInMessage(store, extractMessageCandidates(text), limit, scope);
  // The label is the name alone: put in a form's customer field, it finds this customer exactly.
  return matches.map(({ hit }) => ({ label: hit.name, value: `#${hit.id}` }));
}
