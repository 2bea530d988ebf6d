import { describe, expect, test } from "vitest";
import { ADAPTER_ROOTS, CORE_AND_SERVICE_ROOTS, findEnglishLiterals, literalKey, readsAsEnglish, scan, type EnglishLiteral } from "./english-literals.js";

/**
 * English text that stays English on purpose, each with its reason. An entry that no longer occurs
 * fails the test, so the list only shrinks. Keys are `file "literal"` (template placeholders as ${}).
 */
const ALLOWED: ReadonlyMap<string, string> = new Map<string, string>([
  // src/import/columns.ts: header names of other CRMs' exports, matched against a file's first row, never shown.
  ...allowAll("src/import/columns.ts", "header names of HubSpot, Salesforce and Pipedrive exports, matched, never shown"),
  ...allowAll("src/adapters/web/page-style.ts", "the record pages' CSS rules, read by browsers, never shown"),
  ['src/core/i18n/vocabulary.ts "high value"', "a word people type for the high-value outcome; matched, never shown"],
  ['src/core/text/korean-romanization.ts "green cross"', "a romanized company name for search keys; matched, never shown"],
  [
    'src/core/platform.ts "Name a channel of this workspace"',
    "fallback of ActingChannels.howToPick when no platform acts; the platforms supply their own hint (adapters)",
  ],
  // Digest run diagnostics: written once into digest_runs.error for the operator, shown verbatim after the translated state.
  ['src/digests/scheduler.ts "No Rapport process was running (or the database was unreachable) from the scheduled time until the cut-off."', "run diagnostic stored in digest_runs.error"],
  ['src/digests/scheduler.ts "could not check whether it was posted: ${}"', "run diagnostic stored in digest_runs.error"],
  ['src/digests/scheduler.ts "Not posted before the cut-off."', "run diagnostic stored in digest_runs.error"],
  ['src/digests/scheduler.ts "could not build the digest: ${}"', "run diagnostic stored in digest_runs.error"],
  ['src/digests/routing-poster.ts "No ${} poster is configured for ${}."', "PostError for the operator: a platform the deployment did not configure"],
  ['src/digests/recording-poster.ts "That channel is not in this workspace."', "the recording poster is a test and demo double, not a platform"],
]);

/**
 * The adapters' builders and renderers. Another change translates them; switch this on once that
 * lands so that they are held to the same rule.
 */
const ENFORCE_ADAPTERS = true;

/** Literals of one file that are all allowed for one reason (a file of data, not of messages). */
function allowAll(file: string, reason: string): [string, string][] {
  return scan([file.replace(/\/[^/]+$/, "")])
    .filter((literal) => literal.file === file)
    .map((literal) => [literalKey(literal), reason]);
}

function unexpected(literals: EnglishLiteral[]): string[] {
  return literals.filter((literal) => !ALLOWED.has(literalKey(literal))).map((literal) => `${literal.file}:${literal.line} ${JSON.stringify(literal.text)}`);
}

describe("user-visible text comes from the message catalogs", () => {
  test("should leave no English literal in commands, core, digests, charts, export, import or the CLI", () => {
    expect(unexpected(scan(CORE_AND_SERVICE_ROOTS))).toEqual([]);
  });

  test.runIf(ENFORCE_ADAPTERS)("should leave no English literal in the adapters' builders and renderers", () => {
    expect(unexpected(scan(ADAPTER_ROOTS))).toEqual([]);
  });

  test("should list only allowed literals that still occur", () => {
    const seen = new Set(scan([...CORE_AND_SERVICE_ROOTS, ...ADAPTER_ROOTS]).map(literalKey));
    expect([...ALLOWED.keys()].filter((key) => !seen.has(key))).toEqual([]);
  });
});

describe("readsAsEnglish", () => {
  test.each([
    ["Customer saved", true],
    ["Saved.", true],
    ["No customer matches \"${}\".", true],
    ["${} is missing.", true],
    ["Edit customer", true],
    ["edit <customer> field=value", false],
    ["客户已保存", false],
    ["고객을 저장했습니다.", false],
    ["external_id", false],
    ["text/csv; charset=utf-8", false],
    ["SO-1042", false],
    ["digest list", false],
    ["log acme call Discussed Q1 pricing next friday", false],
    ["SELECT c.* FROM customers c WHERE c.id = $1", false],
    ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">", false],
  ])("GIVEN %j THEN %s", (text, expected) => {
    expect(readsAsEnglish(text)).toBe(expected);
  });
});

describe("findEnglishLiterals", () => {
  const texts = (source: string) => findEnglishLiterals("src/commands/sample.ts", source).map((literal) => literal.text);

  test("GIVEN a command that replies in English THEN the reply is found", () => {
    const source = `
      import { reply } from "../core/reply.js";
      export async function handler(ctx) {
        await ctx.store.customers.save();
        return reply("Customer saved");
      }`;
    expect(texts(source)).toEqual(["Customer saved"]);
  });

  test("GIVEN user errors, templates and button labels in English THEN each is found", () => {
    const source = `
      throw new UserError("not_found", \`No customer matches "\${query}".\`);
      const buttons = [{ label: "Log call", action: { command: "log" } }];
      const title = cond ? "Overdue receivables" : ctx.t("heading.followUps");`;
    expect(texts(source)).toEqual(['No customer matches "${}".', "Log call", "Overdue receivables"]);
  });

  test("GIVEN text no person reads THEN nothing is found", () => {
    const source = `
      import { thing } from "some module name";
      logger.warn({ err }, "digest post failed after retries");
      log.child({ module: "digest scheduler" });
      throw new Error("store returned no row for the id");
      const message = localizable("The customer is missing.", "forms.missing");
      const key = { "Company name": 1 };
      const kind: "first kind" | "second kind" = pick();
      if (status === "Closed Won") done();
      const error = { code: "bad argument" };
      const translated = ctx.t("edit.title", { customer: name });
      const EXAMPLE = "edit acme grade=A";
      const definition = { usage: "edit <customer> field=value ...", examples: ["edit acme grade=A status=active"] };`;
    expect(texts(source)).toEqual([]);
  });
});

describe("the scanned roots", () => {
  test("include the directories named by the languages issue", () => {
    expect(CORE_AND_SERVICE_ROOTS).toEqual(expect.arrayContaining(["src/commands", "src/core", "src/digests", "src/charts", "src/export", "src/import"]));
    expect(ADAPTER_ROOTS).toEqual(expect.arrayContaining(["src/adapters/kit", "src/adapters/slack/render", "src/adapters/discord/render"]));
  });
});
