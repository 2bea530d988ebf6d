/**
 * The contract every surface keeps: the same command, sent through the console, Slack and Discord
 * adapters to the real core on the demo data, has the same neutral outcome. Scenarios run in this
 * order on one workspace per surface; those that write use customers no other scenario reads.
 */
import type { Command, Persona, SurfaceName } from "./surface.js";

export type Expectation = {
  /** The headline: exact text, or a pattern. */
  title?: string | RegExp;
  /** Fragments of the readable text (compared with whitespace collapsed). */
  says?: string[];
  saysNot?: string[];
  /** Fragments of button labels that must be offered. */
  buttons?: string[];
  ephemeral?: boolean;
  error?: boolean;
  /** Checked where the core gives replies a code. */
  code?: string;
  /** A file arrives with the reply. */
  file?: { name: string | RegExp; png?: boolean; contains?: string };
  /** Rows of the workspace that appear (or disappear) because of this step. */
  writes?: { table: "interaction" | "customer"; delta: number };
};

export type Scenario = {
  name: string;
  as?: Persona;
  command: Command;
  expect: Expectation;
  /** What one surface shows differently, on top of `expect`. */
  on?: Partial<Record<SurfaceName, Expectation>>;
  /** A button of the reply pressed by the same person, and what that shows. */
  then?: { press: string; expect: Expectation };
};

const TOO_LONG = "x".repeat(4_100);
const NO_COMMAND = ['There is no command "fnd". Did you mean find?'];

export const scenarios: Scenario[] = [
  {
    name: "find: one hit, with Show and Log call buttons",
    command: { line: "find acme", command: "find", options: { text: "acme" } },
    expect: { title: 'Customers matching "acme"', says: ["Acme Corp", "Boston"], buttons: ["Show", "Log call"], ephemeral: true, error: false },
  },
  {
    name: "find: no hit",
    command: { line: "find zyxwvut", command: "find", options: { text: "zyxwvut" } },
    expect: { says: ['No customers match "zyxwvut"'], saysNot: ["Acme Corp"] },
  },
  {
    name: "find: several hits to pick from",
    command: { line: "find corp", command: "find", options: { text: "corp" } },
    expect: { title: 'Customers matching "corp"', says: ["Acme Corp", "Globex Corporation"], buttons: ["Show"], error: false },
  },
  {
    name: "show: the customer card",
    command: { line: "show acme", command: "show", options: { customer: "acme" } },
    expect: { title: "Acme Corp", says: ["Acme Corp", "Alice Martin", "active", "$12,500.00", "$75,000.00"], buttons: ["Log call", "Orders"], ephemeral: true, error: false },
  },
  {
    name: "log: writes once, and Undo takes it back",
    as: "admin",
    command: { line: "log initech call Contract probe call", command: "log", options: { customer: "initech", channel: "call", summary: "Contract probe call" } },
    expect: { title: "Logged call with Initech LLC", says: ["Logged call with Initech LLC", "Contract probe call"], buttons: ["Undo"], error: false, writes: { table: "interaction", delta: 1 } },
    then: { press: "Undo", expect: { title: /^Undone/, says: ["Undone"], error: false, writes: { table: "interaction", delta: -1 } } },
  },
  {
    name: "order: lines, money and shipment",
    command: { line: "order SO-1031", command: "order", options: { number: "SO-1031" } },
    expect: { title: "Order SO-1031: closed", says: ["Order SO-1031", "closed", "$12,500.00", "WID-100", "JD01461201"], error: false },
  },
  {
    name: "order new over the credit limit: the warning names limit, exposure and excess; Allow over limit enters it",
    as: "admin",
    command: { line: "order new huaqiang WID-100 2 450; WID-200 1 90", command: "order", options: { action: "new", customer: "huaqiang", lines: "WID-100 2 450; WID-200 1 90" } },
    expect: { says: ["over its credit limit", "limit $5,000.00", "$1,190.00 over"], buttons: ["Allow over limit"], error: true },
    then: { press: "Allow over limit", expect: { title: /^Order SO-\d+ entered for 深圳华强电子有限公司$/, says: ["$990.00", "Allowed over the credit limit"], error: false } },
  },
  {
    name: "orders: the customer's orders",
    command: { line: "orders acme", command: "orders", options: { customer: "acme" } },
    expect: { says: ["Orders of Acme Corp", "SO-1035", "confirmed"], error: false },
  },
  {
    name: "followups: the team's, today and overdue",
    command: { line: "followups today all", command: "followups", options: { when: "today", who: "all" } },
    expect: { says: ["Team follow-ups: today (with overdue)", "현대상사", "Acme Corp"], saysNot: ["上海宏达贸易有限公司"], error: false },
  },
  {
    name: "followup: a date it cannot read is an error with an example",
    as: "admin",
    command: { line: "followup initech someday", command: "followup", options: { customer: "initech", date: "someday" } },
    expect: { says: ['I could not read "someday" as a date', "Example: ", "followup acme next tuesday"], error: true, ephemeral: true, code: "bad_date", writes: { table: "interaction", delta: 0 } },
  },
  {
    name: "task add: a task of one's own, with Undo",
    as: "admin",
    command: { line: "task add initech 2026-12-04 Contract probe task", command: "task", options: { action: "add", customer: "initech", date: "2026-12-04", text: "Contract probe task" } },
    expect: { title: /^Task #\d+ added for Initech LLC: Contract probe task$/, says: ["2026-12-04"], buttons: ["Undo"], error: false },
  },
  {
    name: "tasks: the team's week, grouped, with Done and Snooze",
    as: "admin",
    command: { line: "tasks week all", command: "tasks", options: { when: "week", who: "all" } },
    expect: { says: ["Team tasks: week (with overdue)", "Overdue", "Due today", "Müller GmbH"], buttons: ["Done", "Snooze 1 day"], error: false },
  },
  {
    name: "overdue: receivables and credit-limit breaches",
    command: { line: "overdue", command: "overdue" },
    expect: { title: /^Overdue receivables/, says: ["$33,500.00", "Over credit limit"], error: false },
  },
  {
    name: "new: creates the customer once",
    as: "admin",
    command: { line: "new Contract Traders city=Oslo", command: "new", options: { name: "Contract Traders", fields: "city=Oslo" } },
    expect: { title: "Created Contract Traders", says: ["Created Contract Traders", "Oslo"], error: false, writes: { table: "customer", delta: 1 } },
  },
  {
    name: "edit: changes a field and says from what",
    as: "admin",
    command: { line: "edit lumiere city=Lyon", command: "edit", options: { customer: "lumiere", fields: "city=Lyon" } },
    expect: { title: /^Updated /, says: ["Updated", "Lyon"], error: false, writes: { table: "customer", delta: 0 } },
  },
  {
    name: "handover --dry-run: what would move, nothing moved",
    as: "admin",
    command: { line: "handover bob alice --dry-run", command: "handover", options: { from: "bob", to: "alice", dry_run: "yes" } },
    expect: { title: "Would move 2 customers from Bob Jones to Alice Martin", says: ["Globex Corporation", "Müller GmbH"], buttons: ["Hand over now"], error: false, writes: { table: "customer", delta: 0 } },
  },
  {
    name: "assign: a new owner",
    as: "admin",
    command: { line: "assign globex @chen", command: "assign", options: { customer: "globex", member: "chen" } },
    expect: { title: "Globex Corporation now belongs to 陈伟 Chen Wei", says: ["Globex Corporation now belongs to 陈伟 Chen Wei"], error: false },
  },
  {
    name: "role: refused to a rep",
    as: "rep",
    command: { line: "role bob manager", command: "role", options: { member: "bob", role: "manager" } },
    expect: { says: ["Only admins can use role"], error: true, ephemeral: true, code: "permission_denied" },
  },
  {
    name: "help: every command listed",
    command: { line: "help", command: "help" },
    expect: { title: "Rapport commands", says: ["Rapport commands", "find", "log", "followups", "handover", "export", "stats", "digest"], error: false },
  },
  {
    name: "digest list: answered, without a digest service set up",
    as: "admin",
    command: { line: "digest list", command: "digest", options: { action: "list" } },
    expect: { title: /^Digests are not set up on this Rapport server/, says: ["Digests are not set up on this Rapport server"] },
  },
  {
    name: "export: a CSV file arrives",
    as: "admin",
    command: { line: "export customers", command: "export", options: { what: "customers" } },
    expect: { says: ["customers"], error: false, file: { name: "customers-2026-11-23.csv", contains: "Acme Corp" } },
  },
  {
    name: "stats: a PNG chart arrives",
    command: { line: "stats sales 12m", command: "stats", options: { kind: "sales", period: "12m" } },
    expect: { says: ["Monthly sales against the year before, last 12 months"], error: false, file: { name: "sales.png", png: true } },
  },
  {
    name: "activity: the team's activity chart",
    command: { line: "activity", command: "activity" },
    expect: { says: ["Member activity, last 30 days"], error: false, file: { name: "activity.png", png: true } },
  },
  {
    name: "an unknown command: an error naming the closest",
    command: { line: "fnd acme", command: "fnd", options: { text: "acme" } },
    expect: { error: true, ephemeral: true },
    // Discord only sends registered subcommands; one it does not know means the registration is stale.
    on: { console: { says: NO_COMMAND }, slack: { says: NO_COMMAND, code: "unknown_command" }, discord: { says: ["out of date"] } },
  },
  {
    name: "over-long input: refused before anything runs",
    command: { line: `find ${TOO_LONG}`, command: "find", options: { text: TOO_LONG } },
    expect: { says: ["the limit is 4000"], error: true, ephemeral: true, code: "too_long" },
  },
];
