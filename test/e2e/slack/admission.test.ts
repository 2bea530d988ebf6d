/**
 * Admission on the Slack side, through the real Bolt App over HTTP: a request Rapport does not take
 * on is answered at once, ephemerally, "busy" or "too fast", and never reaches the core. Slash
 * commands carry it in the ack; buttons get it as a new ephemeral message (never replacing the
 * original); form submissions keep the form open with it; pickers get no options.
 */
import { afterEach, describe, expect, test } from "vitest";
import { createAdmission, type AdmissionLimits } from "../../../src/core/admission.js";
import { blockAction, blockSuggestion, globalShortcut, viewSubmission } from "../../fakes/slack/payloads.js";
import { PAT, SAM, startHarness, type Harness } from "./harness.js";

const SLOW = "show acme";
const OFF = { perSecond: 0, burst: 1 };
const ONE_RUNNING_ONE_WAITING: AdmissionLimits = { maxInFlight: 1, maxWaiting: 1, member: OFF, workspace: OFF };
const BUSY = "Rapport is busy (1 request waiting). Try again in a moment. Nothing from this request was saved; send it again then.";

describe("Slack admission: busy and too fast are answered at ack time", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  async function start(limits: AdmissionLimits): Promise<Harness> {
    // Acked at once: the slow commands must hold their places while the next ones arrive.
    h = await startHarness({ admission: createAdmission(limits), answerInAckMs: 0 });
    h.api.latencyMs = 400;
    return h;
  }

  /** Two slow commands (every core call takes 400 ms) take the one running and the one waiting place. */
  async function fill(harness: Harness): Promise<string[]> {
    const ids: string[] = [];
    for (const who of [PAT, SAM]) {
      const sent = await harness.command(who, SLOW);
      expect(sent.text).toBe("");
      ids.push(sent.responseId);
    }
    return ids;
  }

  test("should answer /crm with the busy reply in the ack when the queue is full, and still answer those taken on", async () => {
    const harness = await start(ONE_RUNNING_ONE_WAITING);
    const taken = await fill(harness);
    const refused = await harness.command(SAM, "find acme");
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({ response_type: "ephemeral", text: "Rapport is busy (1 request waiting).", blocks: [{ type: "section", text: { text: `:warning: ${BUSY}` } }] });
    for (const id of taken) await harness.slack.waitForResponses(id, 1, 5_000);
    expect(harness.api.callsOf("runText").map((call) => call.text)).toEqual([SLOW, SLOW]);
    // The refusal in the ack is all the refused command ever shows.
    expect(harness.slack.responsesTo(refused.responseId).map((response) => [response.inAck, response.body.text])).toEqual([[true, "Rapport is busy (1 request waiting)."]]);
    // Places come back: the next one is taken on.
    const later = await harness.command(SAM, "find acme");
    expect(later.text).toBe("");
    await harness.slack.waitForResponses(later.responseId);
  });

  test("should turn away a member sending too fast, with when to try again, while another member goes on", async () => {
    const harness = await start({ maxInFlight: 10, maxWaiting: 10, member: { perSecond: 0.1, burst: 2 }, workspace: OFF });
    expect((await harness.command(PAT, "find acme")).text).toBe("");
    expect((await harness.command(PAT, "find acme")).text).toBe("");
    const refused = await harness.command(PAT, "find acme");
    expect(JSON.parse(refused.text)).toMatchObject({
      response_type: "ephemeral",
      text: "You are sending commands faster than Rapport takes them (2 at once, then 6 a minute).",
    });
    expect(refused.text).toMatch(/Try again in (9|10) seconds\. Nothing from this request was saved/);
    expect((await harness.command(SAM, "find acme")).text).toBe("");
  });

  test("should turn away a button press with a new ephemeral message and leave the original alone", async () => {
    const harness = await start(ONE_RUNNING_ONE_WAITING);
    await fill(harness);
    const res = await harness.interact(blockAction(PAT, { actionId: "rapport:run:0", value: "find acme", responseUrl: harness.slack.responseUrl("busy-run") }));
    expect(res.status).toBe(200);
    const [answer] = await harness.slack.waitForResponses("busy-run");
    expect(answer!.body).toMatchObject({ response_type: "ephemeral", replace_original: false, text: "Rapport is busy (1 request waiting)." });
    // A page press would replace the message in place; refused, it must not.
    await harness.interact(blockAction(PAT, { actionId: "rapport:page:0", value: "find acme page=2", responseUrl: harness.slack.responseUrl("busy-page") }));
    const [page] = await harness.slack.waitForResponses("busy-page");
    expect(page!.body).toMatchObject({ replace_original: false, text: "Rapport is busy (1 request waiting)." });
    expect(harness.api.callsOf("runText").filter((call) => call.text !== SLOW)).toEqual([]);
  });

  test("should keep a form open with the busy message when the queue is full", async () => {
    const harness = await start(ONE_RUNNING_ONE_WAITING);
    await harness.interact(globalShortcut(PAT, { callbackId: "new_customer", triggerId: "tr.new.busy" }));
    const [open] = await harness.slack.waitForCalls("views.open");
    const view = { ...(open!.args.view as Record<string, unknown>), id: "V0BUSY", hash: "h1" };
    await fill(harness);
    const res = await harness.interact(
      viewSubmission(PAT, view, { "opt:name": { value: { type: "plain_text_input", value: "Zed Co" } }, "opt:fields": { value: { type: "plain_text_input", value: "" } } }),
    );
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { "opt:name": BUSY } });
    expect(harness.api.callsOf("runArgs")).toEqual([]);
  });

  test("should give a picker no options when the queue is full", async () => {
    const harness = await start(ONE_RUNNING_ONE_WAITING);
    await fill(harness);
    const res = await harness.interact(blockSuggestion(PAT, { actionId: "pick:customer", blockId: "opt:customer", value: "acme" }));
    expect(JSON.parse(res.text)).toEqual({ options: [] });
    expect(harness.api.callsOf("pick")).toEqual([]);
  });
});
