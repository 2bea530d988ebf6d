/**
 * Quotes on Slack end to end: the real Bolt App over HTTP, the real core on PGlite with the demo
 * data, the fake Slack. `quote new` opens the quote form from its button, the submitted form makes
 * the quote, and `quote send` uploads its PDF and XLSX, read back as a person would open them.
 */
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import type { RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { blockAction, viewSubmission, type Who } from "../../fakes/slack/payloads.js";
import { startDemoCore } from "./demo-core.js";
import { PAT, startHarnessWith, type Harness } from "./harness.js";

type SlackElement = { action_id?: string; value?: string };
type SlackBlock = { type: string; elements?: SlackElement[]; accessory?: SlackElement };
type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: { block_id: string; element: Record<string, unknown> }[] };

function buttonsOf(body: Record<string, unknown>): { action_id: string; value: string }[] {
  return ((body.blocks ?? []) as SlackBlock[])
    .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
    .filter((element): element is { action_id: string; value: string } => typeof element.action_id === "string" && typeof element.value === "string");
}

describe("quotes on Slack (real core, fake Slack)", () => {
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

  test("/crm quote new <customer> offers the quote form; the submitted form creates the quote with one line per row", async () => {
    const body = await run(PAT, "quote new globex");
    const form = buttonsOf(body).find((button) => button.action_id.startsWith("rapport:form:"))!;
    expect(form).toBeDefined();
    await h.interact(blockAction(PAT, { actionId: form.action_id, value: form.value, responseUrl: h.slack.responseUrl("quote-form") }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = { ...(open!.args.view as View), id: "V0QUOTE", hash: "h-quote" };
    expect(view.callback_id).toBe("rapport:form:quote");
    expect(view.blocks.map((block) => block.block_id)).toEqual(["opt:customer", "opt:lines", "opt:tax", "opt:valid", "opt:terms"]);
    expect(view.blocks[0]!.element.initial_option).toMatchObject({ value: "globex" });

    const before = await core.database.prisma.quote.count({ where: { tenantId } });
    const res = await h.interact(
      viewSubmission(PAT, view as unknown as Record<string, unknown>, {
        "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: "globex" } } },
        "opt:lines": { value: { type: "plain_text_input", value: "WID-100 10 12.50 5% Widget blue\nWID-200 2 400 heavy duty" } },
        "opt:tax": { value: { type: "plain_text_input", value: "13%" } },
        "opt:valid": { value: { type: "plain_text_input", value: "30d" } },
        "opt:terms": { value: { type: "plain_text_input", value: "Net 30" } },
      }),
    );
    expect(res.status).toBe(200);
    const [confirmation] = await h.slack.waitForCalls("chat.postEphemeral");
    expect(String(confirmation!.args.text)).toMatch(/^Quote Q-2026-\d{4} created for Globex Corporation$/);
    expect(await core.database.prisma.quote.count({ where: { tenantId } })).toBe(before + 1);
    const quote = await core.database.prisma.quote.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" }, include: { lines: { orderBy: { position: "asc" } } } });
    expect(quote.lines.map((line) => [line.sku, line.quantity, line.discountBp, line.description])).toEqual([
      ["WID-100", 10, 500, "Widget blue"],
      ["WID-200", 2, 0, "heavy duty"],
    ]);
    expect([Number(quote.subtotal), Number(quote.tax), Number(quote.total), quote.paymentTerms]).toEqual([91875, 11944, 103819, "Net 30"]);
  });

  test("/crm quote send uploads the PDF and the XLSX to the requester's DM and marks the quote sent", async () => {
    const created = await run(PAT, "quote new globex WID-300 3 1000 tax=10%");
    const number = /Q-2026-\d{4}/.exec(String(created.text))![0];
    const body = await run(PAT, `quote send ${number}`);
    expect(String(body.text)).toBe(`Quote ${number} for Globex Corporation: PDF and XLSX attached`);
    const files = await h.slack.waitForSharedFiles(2);
    const pdf = files.find((file) => file.filename === `${number}.pdf`)!;
    const xlsx = files.find((file) => file.filename === `${number}.xlsx`)!;
    expect(pdf.data.subarray(0, 5).toString()).toBe("%PDF-");
    const document = await getDocumentProxy(new Uint8Array(pdf.data));
    const { text } = await extractText(document, { mergePages: true });
    expect(text).toContain("Globex Corporation");
    expect(text).toContain("$3,300.00");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toEqual(expect.arrayContaining(["Globex Corporation", "WID-300", 3300]));
    expect((await core.database.prisma.quote.findFirstOrThrow({ where: { tenantId, number } })).status).toBe("sent");
  });
});
