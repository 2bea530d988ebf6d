/**
 * The whole command registry in each language on each surface: a member who chose zh-CN, zh-TW or
 * ko with `settings language` gets every command's answer in that language, headline, text and
 * buttons, through the real console, Slack (Bolt) and Discord (discord.js) adapters on the demo data.
 * What may stay in Latin letters is what the workspace's own data says (names, cities, SKUs), what a
 * person types (command examples in code spans) and a short list of product and standard names.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../src/commands/index.js";
import { workspaceWords, englishLeftIn, scriptMismatch } from "./language-check.js";
import type { Command, Driver, Observation, Persona, SurfaceName } from "./surface.js";
import { SURFACES } from "./surfaces.js";

const LOCALES = ["zh-CN", "zh-TW", "ko"] as const;

/** `error`: whether the answer is shown as an error; "either" where the demo server's set-up decides. */
type Run = { as: Persona; command: Command; error?: boolean | "either" };

/** One invocation of every command in the registry (the test below checks none is missing). */
const RUNS: Run[] = [
  { as: "admin", command: { line: "help", command: "help" } },
  { as: "admin", command: { line: "find acme", command: "find", options: { text: "acme" } } },
  { as: "admin", command: { line: "find corp", command: "find", options: { text: "corp" } } },
  { as: "admin", command: { line: "find zyxwvut", command: "find", options: { text: "zyxwvut" } } },
  { as: "admin", command: { line: "show acme", command: "show", options: { customer: "acme" } } },
  { as: "admin", command: { line: "log initech call Probe call", command: "log", options: { customer: "initech", channel: "call", summary: "Probe call" } } },
  { as: "admin", command: { line: "order SO-1031", command: "order", options: { number: "SO-1031" } } },
  { as: "admin", command: { line: "order new lumiere WID-100 2 450", command: "order", options: { action: "new", customer: "lumiere", lines: "WID-100 2 450" } } },
  { as: "admin", command: { line: "ship SO-1035 WID-100 1", command: "ship", options: { number: "SO-1035", lines: "WID-100 1" } } },
  { as: "admin", command: { line: "invoice SO-1035 1", command: "invoice", options: { number: "SO-1035", amount: "1" } } },
  { as: "admin", command: { line: "quote new acme WID-100 10 12.50 5% tax=13%", command: "quote", options: { customer: "acme", lines: "WID-100 10 12.50 5%", tax: "13%" } } },
  { as: "admin", command: { line: "quote QT-2001", command: "quote", options: { number: "QT-2001" } } },
  { as: "admin", command: { line: "deal new acme WID-100 amount=1000 stage=proposal", command: "deal", options: { action: "new", customer: "acme", title: "WID-100", amount: "1000", stage: "proposal" } } },
  { as: "admin", command: { line: "deal stages", command: "deal", options: { action: "stages" } } },
  { as: "rep", command: { line: "deal stage 1 nowhere", command: "deal", options: { action: "stage", id: "1", stage: "nowhere" } }, error: true },
  { as: "admin", command: { line: "deals all", command: "deals", options: { who: "all" } } },
  { as: "admin", command: { line: "forecast quarter all", command: "forecast", options: { period: "quarter", who: "all" } } },
  { as: "admin", command: { line: "orders acme", command: "orders", options: { customer: "acme" } } },
  { as: "admin", command: { line: "followups week all", command: "followups", options: { when: "week", who: "all" } } },
  { as: "admin", command: { line: "followup initech 2026-12-04", command: "followup", options: { customer: "initech", date: "2026-12-04" } } },
  { as: "admin", command: { line: "followup initech someday", command: "followup", options: { customer: "initech", date: "someday" } }, error: true },
  { as: "admin", command: { line: "task add initech 2026-12-04 Probe task", command: "task", options: { action: "add", customer: "initech", date: "2026-12-04", text: "Probe task" } } },
  { as: "rep", command: { line: "task add initech someday Probe task", command: "task", options: { action: "add", customer: "initech", date: "someday", text: "Probe task" } }, error: true },
  { as: "admin", command: { line: "tasks week all", command: "tasks", options: { when: "week", who: "all" } } },
  { as: "admin", command: { line: "overdue", command: "overdue" } },
  { as: "admin", command: { line: "pay INV-5018 10", command: "pay", options: { customer_or_invoice: "INV-5018", amount: "10" } } },
  { as: "rep", command: { line: "pay INV-5018 10", command: "pay", options: { customer_or_invoice: "INV-5018", amount: "10" } }, error: true },
  { as: "admin", command: { line: "pay INV-5018 1000000", command: "pay", options: { customer_or_invoice: "INV-5018", amount: "1000000" } }, error: true },
  { as: "admin", command: { line: "writeoff INV-5017 1 reason=Bank charges", command: "writeoff", options: { invoice: "INV-5017", amount: "1", reason: "Bank charges" } } },
  { as: "admin", command: { line: "dunning initech", command: "dunning", options: { customer: "initech" } } },
  { as: "admin", command: { line: "new Probe Traders city=Oslo", command: "new", options: { name: "Probe Traders", fields: "city=Oslo" } } },
  { as: "admin", command: { line: "edit lumiere city=Lyon", command: "edit", options: { customer: "lumiere", fields: "city=Lyon" } } },
  { as: "admin", command: { line: "edit lumiere colour=red", command: "edit", options: { customer: "lumiere", fields: "colour=red" } }, error: true },
  { as: "admin", command: { line: "assign globex @chen", command: "assign", options: { customer: "globex", member: "chen" } } },
  { as: "rep", command: { line: "role bob manager", command: "role", options: { member: "bob", role: "manager" } }, error: true },
  { as: "admin", command: { line: "handover bob alice --dry-run", command: "handover", options: { from: "bob", to: "alice", dry_run: "yes" } } },
  { as: "admin", command: { line: "sync", command: "sync" } },
  { as: "admin", command: { line: "activity", command: "activity" } },
  { as: "admin", command: { line: "stats sales 12m", command: "stats", options: { kind: "sales", period: "12m" } } },
  { as: "admin", command: { line: "export customers", command: "export", options: { what: "customers" } } },
  { as: "admin", command: { line: "export deals xlsx stage=proposal", command: "export", options: { what: "deals", format: "xlsx", stage: "proposal" } } },
  { as: "rep", command: { line: "export quotes all", command: "export", options: { what: "quotes", owner: "all" } }, error: true },
  { as: "admin", command: { line: "digest list", command: "digest", options: { action: "list" } }, error: "either" },
  { as: "admin", command: { line: "settings", command: "settings" } },
  { as: "admin", command: { line: "contacts acme", command: "contacts", options: { customer: "acme" } } },
  { as: "admin", command: { line: "contact add initech Probe Person title=Buyer", command: "contact", options: { action: "add", customer: "initech", name: "Probe Person", fields: "title=Buyer" } } },
  { as: "admin", command: { line: "contact edit zyxwvut title=Buyer", command: "contact", options: { action: "edit", contact: "zyxwvut", fields: "title=Buyer" } }, error: true },
  { as: "admin", command: { line: "new Acme Corp", command: "new", options: { name: "Acme Corp" } } },
  { as: "rep", command: { line: "merge globex into initech", command: "merge", options: { duplicate: "globex", into: "initech" } }, error: true },
  // Demo customer #6 (현대상사): archived and brought back in every language.
  { as: "admin", command: { line: "archive #6", command: "archive", options: { customer: "#6" } } },
  { as: "admin", command: { line: "archive #6 undo", command: "archive", options: { customer: "#6", undo: "yes" } } },
];

test("the language runs cover every command in the registry", () => {
  const covered = new Set(RUNS.map((run) => run.command.command));
  expect(commands.map((command) => command.name).filter((name) => !covered.has(name))).toEqual([]);
});

function problemsIn(seen: Observation, locale: (typeof LOCALES)[number], run: Run, data: ReadonlySet<string>): string[] {
  const shown = [seen.title ?? "", seen.text, ...seen.buttons].join("\n");
  // What the person typed may be echoed back ("no customer matches zyxwvut").
  const known = new Set([...data, ...(run.command.line.toLowerCase().match(/[a-z]+/g) ?? [])]);
  return [...englishLeftIn(shown, known).map((words) => `English: "${words}"`), ...scriptMismatch(shown, locale, known)];
}

describe.each(SURFACES)("every command in every language on the $surface adapter", ({ surface, start }) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await start();
  }, 60_000);
  afterAll(async () => {
    await driver?.stop();
  });

  test.each(LOCALES)("%s", async (locale) => {
    const found: string[] = [];
    for (const as of ["admin", "rep"] as const) {
      const chosen = await driver.send(as, { line: `settings language ${locale}`, command: "settings", options: { setting: "language", value: locale } });
      expect(chosen.error, `${surface} ${locale}: settings language`).toBe(false);
    }
    // Read after both members exist: their names are data too.
    const known = await workspaceWords(driver);
    for (const run of RUNS) {
      const seen = await driver.send(run.as, run.command);
      if (run.error !== "either") expect(seen.error, `${surface} ${locale} ${run.command.line}: ${seen.text.slice(0, 300)}`).toBe(run.error ?? false);
      for (const problem of problemsIn(seen, locale, run, known)) found.push(`${run.command.line}: ${problem}`);
    }
    expect(found, `${surface} ${locale}`).toEqual([]);
  }, 120_000);
});
