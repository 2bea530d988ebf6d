/**
 * Fuzzing the command language: random and mutated command lines through the real core (PGlite
 * with demo data), each reply rendered on every surface. No crash, no "something went wrong"
 * apology (an unexpected error), every reply either valid or a clear error with an example.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { testTargets } from "../support/test-databases.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { renderMessage } from "../../src/adapters/slack/render/render-reply.js";
import { renderReply } from "../../src/adapters/discord/render/render-reply.js";
import { createButtonCodec } from "../../src/adapters/discord/render/button-codec.js";
import type { Actor } from "../../src/core/actor.js";
import type { RapportApi } from "../../src/core/service-api.js";
import { expectRows, FULL, recordResult, type ReliabilityRow } from "./results.js";

const CASES = FULL ? 10_000 : 1_000;
expectRows(import.meta.filename, "11. fuzzing command lines");

const SEEDS = [
  "find acme",
  "find 宏達",
  "show 삼성",
  "log acme call Discussed pricing next fri outcome high-value",
  "order SO-1035",
  "orders acme page=2",
  "followups week all",
  "followup globex in 3 days",
  "overdue acme",
  'new "Fuzz Co" grade=A credit_limit=1,000',
  "edit acme notes=hello",
  "assign acme @alice",
  "role alice manager",
  "help log",
];

const mutation = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.tuple(fc.constantFrom(...SEEDS), fc.nat(60), fc.string({ unit: "binary", maxLength: 20 })).map(
    ([seed, at, insert]) => seed.slice(0, at) + insert + seed.slice(at),
  ),
  fc.tuple(fc.constantFrom(...SEEDS), fc.nat(60), fc.nat(20)).map(([seed, at, cut]) => seed.slice(0, at) + seed.slice(at + cut)),
  fc.tuple(fc.constantFrom(...SEEDS), fc.constantFrom('"', "'", "=", "#", "%", "_", "\\", "page=-1", "page=99999999999", "next", "outcome", "#0", "#99999999999")).map(
    ([seed, token]) => `${seed} ${token}`,
  ),
);

type FuzzFigures = { run: number; apologies: number; errors: number; unclear: number; crashes: number; failures: string[]; aborted?: unknown };

/**
 * Runs `cases` seeded command lines through `api` and renders every reply on every surface. A
 * crash is anything the core or a renderer throws: counted and kept, and the run goes on.
 */
async function fuzz(api: Pick<RapportApi, "runText">, actor: Actor, cases: number): Promise<FuzzFigures> {
  const codec = createButtonCodec();
  const figures: FuzzFigures = { run: 0, apologies: 0, errors: 0, unclear: 0, crashes: 0, failures: [] };
  try {
    await fc.assert(
      fc.asyncProperty(mutation, async (line) => {
        figures.run++;
        try {
          const reply = await api.runText({ actor, text: line, idempotencyKey: `fuzz-${figures.run}` });
          renderText(reply);
          renderMessage(reply);
          renderReply(reply, codec);
          if (reply.title.startsWith("Sorry, something went wrong")) {
            figures.apologies++;
            figures.failures.push(line);
          }
          if (reply.isError) {
            figures.errors++;
            if (reply.title.trim().length < 10) figures.unclear++;
          }
        } catch (error) {
          figures.crashes++;
          figures.failures.push(`${JSON.stringify(line)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
      { numRuns: cases, seed: 20261123 },
    );
  } catch (error) {
    figures.aborted = error;
  }
  return figures;
}

function fuzzRow(figures: FuzzFigures, cases: number): ReliabilityRow {
  const { run, apologies, errors, unclear, crashes, aborted } = figures;
  return {
    test: "11. fuzzing command lines",
    injected: `${cases} random and mutated command lines (seeded)`,
    figure: `${run} run: ${apologies} unexpected errors, ${errors} clear user errors, ${unclear} unclear, ${crashes} crashes${aborted ? `; the run stopped: ${aborted instanceof Error ? aborted.message.split("\n")[0] : String(aborted)}` : ""}`,
    pass: !aborted && run >= cases && apologies === 0 && unclear === 0 && crashes === 0,
  };
}

describe.each(testTargets.slice(0, 1))("fuzzing the command language on $name", (target) => {
  let app: TestApp;
  const actor = { platform: "console" as const, tenantExternalId: "fuzz", userExternalId: "you", profile: { timeZone: "UTC", isPlatformAdmin: true } };

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant } = await app.rapport.identify(actor);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  test(`${CASES} random and mutated command lines get a valid reply or a clear error`, async () => {
    let figures: FuzzFigures | undefined;
    try {
      figures = await fuzz(app.rapport, actor, CASES);
    } finally {
      // Recorded whatever happened: a run that threw is a FAIL row, not a missing one.
      recordResult(fuzzRow(figures ?? { run: 0, apologies: 0, errors: 0, unclear: 0, crashes: 0, failures: [], aborted: new Error("the fuzz run threw") }, CASES));
    }
    if (figures.aborted) throw figures.aborted;
    expect(figures.failures).toEqual([]);
    expect(figures.crashes).toBe(0);
    expect(figures.unclear).toBe(0);
    expect(figures.run).toBeGreaterThanOrEqual(CASES);
  }, 600_000);

  // Mutation check: a core that throws (what a crash looks like from here) must turn the row red.
  test("GIVEN a core that throws on some lines THEN the crashes are counted and the row is FAIL", async () => {
    let calls = 0;
    const crashing: Pick<RapportApi, "runText"> = {
      runText: async (input) => {
        if (++calls % 7 === 0) throw new TypeError("simulated crash");
        return app.rapport.runText(input);
      },
    };
    const figures = await fuzz(crashing, actor, 50);
    const row = fuzzRow(figures, 50);
    expect(figures.crashes).toBe(7);
    expect(row.figure).toContain("7 crashes");
    expect(row.pass).toBe(false);
  });
});
