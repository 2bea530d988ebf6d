import { describe, expect, test } from "vitest";
import { instrumentApi } from "./instrument.js";
import { createMetrics } from "./metrics.js";
import { apologyReply } from "../core/apology.js";
import { reply, type Reply } from "../core/reply.js";
import type { RapportApi } from "../core/service-api.js";
import type { Actor } from "../core/actor.js";

const actor = { platform: "console" } as unknown as Actor;

function apiAnswering(answer: Reply): RapportApi {
  return {
    commands: [],
    runText: async () => answer,
    runArgs: async () => answer,
    undo: async () => answer,
    pick: async () => [],
  };
}

describe("instrumentApi", () => {
  test.each([
    ["a reply", reply.text("ok"), "ok"],
    ["a user error", reply.error("not_found", "No customer matches."), "user_error"],
    ["an apology", apologyReply("ab12cd34"), "error"],
    ["a user error whose words sound like an apology", reply.error("bad_argument", "Sorry, something went wrong with that date."), "user_error"],
  ])("GIVEN %s THEN the outcome is read from its code", async (_name, answer, outcome) => {
    const metrics = createMetrics({ defaultMetrics: false });
    await instrumentApi(apiAnswering(answer), metrics).runText({ actor, text: "find acme" });
    const values = (await metrics.commandDuration.get()).values.filter((value) => value.metricName === "rapport_command_duration_seconds_count");
    expect(values.map((value) => value.labels.outcome)).toEqual([outcome]);
  });
});
