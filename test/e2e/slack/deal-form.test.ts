/**
 * The deal form on Slack asks only for what the chosen action needs: the card's "Lost" button opens
 * a form with the deal, the reason and a note; choosing another action redraws the open form with
 * that action's inputs and keeps what was entered; the submitted form loses the deal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import type { RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { blockAction, viewSubmission, type Who } from "../../fakes/slack/payloads.js";
import { startDemoCore } from "./demo-core.js";
import { PAT, startHarnessWith, type Harness } from "./harness.js";

type SlackElement = { action_id?: string; value?: string; text?: { text?: string } };
type SlackBlock = { type: string; elements?: SlackElement[]; accessory?: SlackElement };
type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: { block_id: string; dispatch_action?: boolean; element: Record<string, unknown> }[] };

function buttonsOf(body: Record<string, unknown>): { action_id: string; value: string; label: string }[] {
  return ((body.blocks ?? []) as SlackBlock[])
    .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
    .filter((element) => typeof element.action_id === "string" && typeof element.value === "string")
    .map((element) => ({ action_id: element.action_id!, value: element.value!, label: element.text?.text ?? "" }));
}

describe("the deal form on Slack (real core, fake Slack)", () => {
  let core: App;
  let h: Harness<RapportApi>;
  let tenantId: number;

  async function run(who: Who, text: string): Promise<RecordedResponse["body"]> {
    const sent = await h.command(who, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());
    h = await startHarnessWith<RapportApi>(core.rapport);
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });
  beforeEach(() => h.slack.reset());

  test("Lost opens a form for the loss only; switching to stage redraws it keeping the deal; the lost form loses the deal", async () => {
    const deal = await core.database.prisma.deal.findFirstOrThrow({ where: { tenantId, status: "open" }, orderBy: { id: "asc" } });
    const card = await run(PAT, `deal ${deal.id}`);
    const lost = buttonsOf(card).find((button) => button.action_id.startsWith("rapport:form:") && /lost/i.test(button.label));
    expect(lost, JSON.stringify(buttonsOf(card))).toBeDefined();
    await h.interact(blockAction(PAT, { actionId: lost!.action_id, value: lost!.value, responseUrl: h.slack.responseUrl("deal-lost") }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = { ...(open!.args.view as View), id: "V0DEAL", hash: "h-deal" };
    expect(view.callback_id).toBe("rapport:form:deal");
    expect(view.blocks.map((block) => block.block_id)).toEqual(["opt:action", "opt:id", "opt:reason", "opt:note"]);
    expect(view.blocks[0]!.dispatch_action).toBe(true);

    // Choosing "stage" instead: the form now asks for the deal and the stage, and keeps the deal number.
    const state = {
      "opt:action": { "form:action": { type: "static_select", selected_option: { value: "stage", text: { type: "plain_text", text: "stage" } } } },
      "opt:id": { value: { type: "plain_text_input", value: String(deal.id) } },
    };
    const switched = blockAction(PAT, { actionId: "form:action", value: "stage", blockId: "opt:action", view: { ...view, type: "modal", state: { values: state } } });
    (switched.actions as Record<string, unknown>[])[0] = { type: "static_select", action_id: "form:action", block_id: "opt:action", selected_option: { value: "stage" }, action_ts: "1" };
    await h.interact(switched);
    const [update] = await h.slack.waitForCalls("views.update");
    expect(update!.args).toMatchObject({ view_id: "V0DEAL", hash: "h-deal" });
    const redrawn = update!.args.view as View;
    expect(redrawn.blocks.map((block) => block.block_id)).toEqual(["opt:action", "opt:id", "opt:stage"]);
    expect(redrawn.blocks[1]!.element.initial_value).toBe(String(deal.id));

    const res = await h.interact(
      viewSubmission(PAT, view as unknown as Record<string, unknown>, {
        "opt:action": { "form:action": { type: "static_select", selected_option: { value: "lost" } } },
        "opt:id": { value: { type: "plain_text_input", value: String(deal.id) } },
        "opt:reason": { value: { type: "static_select", selected_option: { value: "price" } } },
        "opt:note": { value: { type: "plain_text_input", value: "Went with the cheaper offer" } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const [confirmation] = await h.slack.waitForCalls("chat.postEphemeral");
    expect(String(confirmation!.args.text)).toMatch(/lost/i);
    const after = await core.database.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(after.lostReason).toBe("price");
  });
});
