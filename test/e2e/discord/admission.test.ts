/**
 * Admission on the Discord side, through the real discord.js Client: an interaction Rapport does not
 * take on gets, as its first and only response, an ephemeral "busy" or "too fast" message (no
 * deferral, no core call); autocomplete gets no choices. Those taken on are still answered.
 */
import { afterEach, describe, expect, test } from "vitest";
import { createAdmission, type AdmissionLimits } from "../../../src/core/admission.js";
import { autocompleteInteraction, buttonInteraction, chatInputInteraction } from "../../fakes/discord/payloads.js";
import { actorOf, startHarness, type Harness } from "./harness.js";

const OFF = { perSecond: 0, burst: 1 };
const BUSY = "Rapport is busy (1 request waiting). Try again in a moment. Nothing from this request was saved; send it again then.";

describe("Discord admission: busy and too fast are the first response", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(limits: AdmissionLimits): Promise<Harness> {
    h = await startHarness({ admission: createAdmission(limits) });
    h.rapport.latencyMs = 600;
    return h;
  }

  /** Two slow commands (every core call takes 600 ms) take the one running and the one waiting place. */
  function fill(harness: Harness) {
    return [harness.admin, harness.member].map((ctx) =>
      harness.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand: "show", options: [{ name: "customer", type: 3, value: "acme" }] })),
    );
  }

  test("should answer a refused /crm at once with an ephemeral busy embed, and answer those taken on", async () => {
    const harness = await start({ maxInFlight: 1, maxWaiting: 1, member: OFF, workspace: OFF });
    const taken = fill(harness);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = harness.fake.dispatchInteraction(chatInputInteraction(harness.member, { subcommand: "find", options: [{ name: "text", type: 3, value: "acme" }] }));
    const call = await harness.callback(refused);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(64);
    expect(JSON.stringify(call.body.data.embeds)).toContain(BUSY);
    expect(harness.fake.callsFor(refused).map((c) => c.method)).toEqual(["POST"]);
    // Answered (4), or deferred (5) then edited if the machine is slow: either way not turned away.
    for (const interaction of taken) expect([4, 5]).toContain((await harness.callback(interaction)).body.type);
    expect(harness.rapport.calls.filter((c) => c.fn === "runArgs").map((c) => (c as { command: string }).command)).toEqual(["show", "show"]);
  });

  test("should answer a refused button press ephemerally instead of updating the message", async () => {
    const harness = await start({ maxInFlight: 10, maxWaiting: 10, member: { perSecond: 0.01, burst: 1 }, workspace: OFF });
    harness.rapport.latencyMs = 0;
    for (let index = 1; index <= 11; index += 1) {
      await harness.app.rapport.runText({ actor: actorOf(harness.admin), text: `new "Bulkhead ${index}"` });
    }
    const show = harness.fake.dispatchInteraction(chatInputInteraction(harness.member, { subcommand: "find", options: [{ name: "text", type: 3, value: "bulkhead" }] }));
    await harness.callback(show);
    const original = harness.fake.interactionState(show.id)!.original as unknown as { id: string; components: { components: { label: string; custom_id: string }[] }[] };
    const next = original.components.flatMap((row) => row.components).find((c) => c.label === "Next ▶")!;
    const press = harness.fake.dispatchInteraction(buttonInteraction(harness.member, { customId: next.custom_id, message: original as never, ephemeral: true }));
    const call = await harness.callback(press);
    expect(call.body.type).toBe(4); // a new message, not 7 (update in place)
    expect(call.body.data.flags).toBe(64);
    expect(JSON.stringify(call.body.data.embeds)).toContain("You are sending commands faster than Rapport takes them (1 at once, then 0.6 a minute).");
  });

  test("should give autocomplete no choices when the queue is full", async () => {
    const harness = await start({ maxInFlight: 1, maxWaiting: 1, member: OFF, workspace: OFF });
    fill(harness);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const interaction = harness.fake.dispatchInteraction(autocompleteInteraction(harness.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "acme", focused: true }] }));
    const call = await harness.callback(interaction, 3_000);
    expect(call.body).toMatchObject({ type: 8, data: { choices: [] } });
    expect(harness.rapport.calls.filter((c) => c.fn === "pick")).toEqual([]);
  });
});
