/** The real Bolt App over HTTP against the fake Slack, the real core behind it: `/crm <line>` in, the response_url message out. */
import { blockAction, type Who } from "../../fakes/slack/payloads.js";
import { PAT_ACTOR } from "../../e2e/slack/demo-core.js";
import { PAT, SAM, startHarnessWith } from "../../e2e/slack/harness.js";
import { instrumentCore } from "../../support/instrumented-core.js";
import { codeOf, startDemoApp } from "../demo-app.js";
import { findButton, plain, type Driver, type Observation, type Persona } from "../surface.js";

const WHO: Record<Persona, Who> = { admin: PAT, rep: SAM };

type Element = { action_id?: string; value?: string; text?: { text?: string } | string };
type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: Element[]; accessory?: Element };
type Body = Record<string, unknown>;

let presses = 0;

export async function startSlackDriver(): Promise<Driver> {
  const { app, tenantId } = await startDemoApp(PAT_ACTOR);
  const core = instrumentCore(app.rapport);
  const h = await startHarnessWith(core);

  function observe(who: Who, body: Body): Observation {
    const blocks = (body.blocks ?? []) as Block[];
    const sections = blocks.flatMap((block) => [
      block.text?.text ?? "",
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.type === "context" ? (block.elements ?? []).map((element) => (typeof element.text === "string" ? element.text : "")) : []),
    ]);
    const buttons = blocks
      .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
      .filter((element) => typeof element.action_id === "string")
      .map((element) => ({ label: typeof element.text === "object" ? String(element.text?.text ?? "") : "", actionId: element.action_id!, value: String(element.value ?? "") }));
    return {
      title: plain(String(body.text ?? "")),
      text: plain([String(body.text ?? ""), ...sections].join("\n")),
      buttons: buttons.map((button) => button.label),
      ephemeral: body.response_type === undefined ? undefined : body.response_type === "ephemeral",
      error: sections.some((text) => text.startsWith(":x: ")),
      code: codeOf(core.replies.at(-1)),
      files: h.slack.sharedFiles.map((file) => ({ name: file.filename, bytes: file.data })),
      press: async (label) => {
        const button = findButton(buttons, label);
        h.slack.reset();
        presses += 1;
        const id = `contract-press-${presses}`;
        await h.interact(blockAction(who, { actionId: button.actionId, value: button.value, responseUrl: h.slack.responseUrl(id) }));
        const [answer] = await h.slack.waitForResponses(id, 1, 15_000);
        return observe(who, answer!.body);
      },
    };
  }

  return {
    surface: "slack",
    prisma: app.database.prisma,
    tenantId,
    async send(as, command) {
      const who = WHO[as];
      h.slack.reset();
      const sent = await h.command(who, command.line);
      if (sent.status !== 200) throw new Error(`Slack answered ${sent.status}: ${sent.text}`);
      // Answered in the ack (refused, or ready within the ack budget) or later through response_url.
      if (sent.text) return observe(who, JSON.parse(sent.text) as Body);
      const [response] = await h.slack.waitForResponses(sent.responseId, 1, 15_000);
      return observe(who, response!.body);
    },
    async stop() {
      await h.stop();
      await app.close();
    },
  };
}
