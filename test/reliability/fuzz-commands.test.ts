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
import { FULL, recordResult } from "./results.js";

const CASES = FULL ? 10_000 : 1_000;

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

describe.each(testTargets.slice(0, 1))("fuzzing the command language on $name", (target) => {
  let app: TestApp;
  const actor = { platform: "console" as const, tenantExternalId: "fuzz", userExternalId: "you", profile: { timeZone: "UTC" } };

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant } = await app.rapport.identify(actor);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  test(`${CASES} random and mutated command lines get a valid reply or a clear error`, async () => {
    const codec = createButtonCodec();
    let apologies = 0;
    let errors = 0;
    let unclear = 0;
    let run = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(mutation, async (line) => {
        run++;
        const reply = await app.rapport.runText({ actor, text: line, idempotencyKey: `fuzz-${run}` });
        renderText(reply);
        renderMessage(reply);
        renderReply(reply, codec);
        if (reply.title.startsWith("Sorry, something went wrong")) {
          apologies++;
          failures.push(line);
        }
        if (reply.isError) {
          errors++;
          if (reply.title.trim().length < 10) unclear++;
        }
      }),
      { numRuns: CASES, seed: 20261123 },
    );
    recordResult({
      test: "11. fuzzing command lines",
      injected: `${CASES} random and mutated command lines (seeded)`,
      figure: `${apologies} unexpected errors, ${errors} clear user errors, ${unclear} unclear, 0 crashes`,
      pass: apologies === 0 && unclear === 0,
    });
    expect(failures).toEqual([]);
    expect(unclear).toBe(0);
  }, 600_000);
});
