/**
 * Files that replies carry (exports, charts), end to end: the real Bolt App over HTTP, the real core
 * on PGlite with the demo data set, and the fake Slack's upload flow (files.getUploadURLExternal ->
 * bytes to upload_url -> files.completeUploadExternal). What reached "Slack" is read back as a
 * person would open it: the CSV parsed, the XLSX opened, the PNG's IHDR read.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { pngSize } from "../../../src/charts/render-chart.js";
import { UPLOAD_METHOD, type RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { blockAction, type Who } from "../../fakes/slack/payloads.js";
import { PAT_ACTOR, startDemoCore, TODAY } from "./demo-core.js";
import { PAT, SAM, startHarnessWith, type Harness } from "./harness.js";

const CSV_NAME = `customers-${TODAY}.csv`;
const PAT_DM = "D0PAT";

type SlackBlock = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: unknown }[] };

/** The mrkdwn a person reads: fallback text, sections and context lines. */
function readable(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as SlackBlock[];
  return [String(body.text ?? ""), ...blocks.flatMap((block) => [block.text?.text ?? "", ...(block.type === "context" ? (block.elements ?? []).map((element) => String(element.text ?? "")) : [])])].join("\n");
}

function shareButton(body: Record<string, unknown>): { action_id: string; value: string } {
  const button = ((body.blocks ?? []) as SlackBlock[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id?.startsWith("rapport:share:"));
  expect(button).toBeDefined();
  return button as { action_id: string; value: string };
}

function csvRows(data: Buffer): Record<string, string>[] {
  return parse(data, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Slack uploads the files a reply carries (real core, fake Slack)", () => {
  let core: App;
  let h: Harness<RapportApi>;
  let tenantId: number;
  const pat = PAT_ACTOR;

  async function run(who: Who, text: string, extra: { triggerId?: string; channelId?: string } = {}): Promise<RecordedResponse["body"]> {
    const sent = await h.command(who, text, extra);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  const customerCount = () => core.database.prisma.customer.count({ where: { tenantId } });

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());
    h = await startHarnessWith<RapportApi>(core.rapport);
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });
  beforeEach(() => h.slack.reset());

  test("/crm export customers: the CSV goes to the requester's DM, never the channel, and the reply says so", async () => {
    const body = await run(PAT, "export customers");
    const expectedRows = await customerCount();
    expect(body.response_type).toBe("ephemeral");
    expect(readable(body)).toContain(`${CSV_NAME}: ${expectedRows} rows`);
    expect(readable(body)).toContain(`Sent ${CSV_NAME} to your DM with Rapport.`);

    expect(h.slack.callsOf("conversations.open").map((call) => call.args.users)).toEqual([PAT.userId]);
    expect(h.slack.directMessageWith(PAT.userId)).toBe(PAT_DM);
    expect(h.slack.filesIn("C0SALES")).toEqual([]);
    const [file, ...others] = h.slack.sharedFiles;
    expect(others).toEqual([]);
    expect(file).toMatchObject({ channelId: PAT_DM, filename: CSV_NAME, title: `customers export, ${expectedRows} rows (CSV)`, initialComment: `Exported ${expectedRows} customers rows` });
    expect(file!.altTxt).toBeUndefined(); // alt_txt is for images only

    const rows = csvRows(file!.data);
    expect(rows).toHaveLength(expectedRows);
    expect(expectedRows).toBeGreaterThan(5);
    expect(rows.find((row) => row.name === "Acme Corp")).toMatchObject({ city: "Boston", status: "active", grade: "A" });
    expect(rows.map((row) => row.name)).toContain("삼성전자");
  });

  test("/crm export customers xlsx: a workbook with the same rows", async () => {
    await run(PAT, "export customers xlsx");
    const [file] = await h.slack.waitForSharedFiles(1);
    expect(file).toMatchObject({ channelId: PAT_DM, filename: `customers-${TODAY}.xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file!.data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const nameColumn = header.indexOf("name") + 1;
    expect(nameColumn).toBeGreaterThan(0);
    const names: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) names.push(String(row.getCell(nameColumn).value));
    });
    expect(names).toHaveLength(await customerCount());
    expect(names).toContain("Acme Corp");
  });

  test("/crm export deals and quotes: one row per deal and per quote line, in the DM", async () => {
    await run(PAT, "export deals stage=proposal");
    const [deals] = await h.slack.waitForSharedFiles(1);
    expect(deals).toMatchObject({ channelId: PAT_DM, filename: `deals-${TODAY}.csv`, initialComment: "Exported 2 deals rows (stage Proposal)" });
    expect(csvRows(deals!.data).map((row) => [row.title, row.customer, row.stage])).toEqual([
      ["Q1 volume agreement", "Acme Corp", "proposal"],
      ["電子零件年度報價", "台灣宏達電子股份有限公司", "proposal"],
    ]);
    h.slack.reset();
    await run(PAT, "export quotes xlsx");
    const [quotes] = await h.slack.waitForSharedFiles(1);
    expect(quotes).toMatchObject({ channelId: PAT_DM, filename: `quotes-${TODAY}.xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(quotes!.data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(["quote_number", "external_id"]);
    const numbers: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) numbers.push(String(row.getCell(1).value));
    });
    // The demo's six quotes, one row per line (two of them have two lines).
    expect(numbers).toHaveLength(8);
    expect(new Set(numbers).size).toBe(6);
  });

  test("/crm stats ar: the PNG chart in the DM with its alt text, and the text summary in the reply", async () => {
    const body = await run(PAT, "stats ar");
    expect(readable(body)).toContain("Receivables by days past due");
    expect(readable(body)).toContain("Sent ar-ageing.png to your DM with Rapport.");
    const [file] = h.slack.sharedFiles;
    expect(file).toMatchObject({ channelId: PAT_DM, filename: "ar-ageing.png" });
    const { width, height } = pngSize(new Uint8Array(file!.data));
    // The spec draws a 640 x 320 plot; axes, title and padding come on top.
    expect(width).toBeGreaterThan(640);
    expect(width).toBeLessThan(1000);
    expect(height).toBeGreaterThan(320);
    expect(height).toBeLessThan(600);
    // The same bytes the core rendered: nothing lost or re-encoded on the way.
    const direct = await core.rapport.runText({ actor: pat, text: "stats ar" });
    expect(Buffer.from(direct.attachments![0]!.data).equals(file!.data)).toBe(true);
    expect(file!.altTxt).toMatch(/^Receivables by days past due \(as of 2026-11-23\)\. scope all, 0-30 /);
    expect(file!.altTxt!.length).toBeLessThanOrEqual(1000);
    expect(file!.title.length).toBeLessThanOrEqual(250);
  });

  test("Share in channel: the message and the same file go into the channel; the DM keeps its copy", async () => {
    const body = await run(PAT, "export customers");
    const share = shareButton(body);
    const [original] = h.slack.sharedFiles;
    await h.interact(blockAction(PAT, { actionId: share.action_id, value: share.value, responseUrl: h.slack.responseUrl("share-files") }));
    const [posted] = await h.slack.waitForCalls("chat.postMessage");
    expect(posted!.args.channel).toBe("C0SALES");
    expect(JSON.stringify(posted!.args.blocks)).toContain("Shared by <@U0PAT>");
    expect(JSON.stringify(posted!.args.blocks)).not.toContain("your DM"); // the requester's note stays private
    const [inChannel] = await h.slack.waitForSharedFiles(1, (file) => file.channelId === "C0SALES");
    expect(inChannel!.filename).toBe(CSV_NAME);
    expect(inChannel!.data.equals(original!.data)).toBe(true);
    expect(inChannel!.initialComment).toBeUndefined();
    await sleep(200);
    expect(h.slack.filesIn(PAT_DM)).toHaveLength(1);
    expect(h.slack.responsesTo("share-files").map((response) => response.body)).toEqual([{ delete_original: true }]);
  });

  test("Share where Rapport may not upload (not_in_channel): the file goes to the presser's DM and they are told", async () => {
    const body = await run(PAT, "stats ar");
    h.slack.inject("files.completeUploadExternal", { kind: "platform-error", error: "not_in_channel" });
    await h.interact(blockAction(PAT, { actionId: shareButton(body).action_id, value: shareButton(body).value, responseUrl: h.slack.responseUrl("share-not-member") }));
    const [, note] = await h.slack.waitForResponses("share-not-member", 2);
    expect(note!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(readable(note!.body)).toContain("Rapport cannot upload files to this channel (it is not a member), so I sent ar-ageing.png to your DM with Rapport instead.");
    expect(h.slack.filesIn("C0SALES")).toEqual([]);
    expect(h.slack.filesIn(PAT_DM).map((file) => file.filename)).toEqual(["ar-ageing.png", "ar-ageing.png"]);
    expect(h.slack.callsOf("chat.postMessage")).toHaveLength(1); // the chart's text summary still reached the channel
  });

  test("missing files:write: a clear message naming the scope and the reinstall, the reply's text, no crash", async () => {
    h.slack.inject("files.getUploadURLExternal", { kind: "platform-error", error: "missing_scope", needed: "files:write" });
    const body = await run(PAT, "export customers");
    const text = readable(body);
    expect(text).toContain(`${CSV_NAME}: ${await customerCount()} rows`);
    expect(text).toContain(`Could not send ${CSV_NAME}: Rapport lacks the files:write permission in this workspace. A workspace admin must reinstall Rapport with files:write`);
    expect(text).toContain("docs/slack.md");
    expect(text).not.toContain("Sorry, something went wrong");
    expect(h.slack.sharedFiles).toEqual([]);
    expect(readable(await run(PAT, "find acme"))).toContain("Acme Corp");
  });

  test("a slash command delivered twice with one trigger_id uploads its file once; both answers say where it went", async () => {
    const [first, second] = await Promise.all([run(PAT, "export customers", { triggerId: "7007.1.files" }), run(PAT, "export customers", { triggerId: "7007.1.files" })]);
    await sleep(200);
    expect(h.slack.sharedFiles).toHaveLength(1);
    expect(h.slack.callsOf("files.getUploadURLExternal")).toHaveLength(1);
    for (const body of [first, second]) expect(readable(body)).toContain(`Sent ${CSV_NAME} to your DM with Rapport.`);
  });

  test("a lost answer from files.completeUploadExternal is not retried: one file, and the user is told to check", async () => {
    h.slack.inject("files.completeUploadExternal", { kind: "drop-after-processing" });
    const body = await run(PAT, "export customers");
    expect(h.slack.callsOf("files.completeUploadExternal")).toHaveLength(1);
    expect(h.slack.sharedFiles).toHaveLength(1);
    expect(readable(body)).toContain(`Slack did not confirm that ${CSV_NAME} arrived`);
    expect(readable(body)).toContain("Look in your DM with Rapport before trying again");
  });

  test("429 on reserving and on completing, a 500 and a dropped answer on the byte upload: retried, shared once", async () => {
    h.slack.inject("files.getUploadURLExternal", { kind: "rate-limited", retryAfterSeconds: 1 });
    h.slack.inject(UPLOAD_METHOD, { kind: "server-error" });
    h.slack.inject(UPLOAD_METHOD, { kind: "drop-after-processing" });
    h.slack.inject("files.completeUploadExternal", { kind: "rate-limited", retryAfterSeconds: 1 });
    const body = await run(PAT, "stats ar");
    expect(readable(body)).toContain("Sent ar-ageing.png to your DM with Rapport.");
    expect(h.slack.callsOf("files.getUploadURLExternal#429")).toHaveLength(1);
    expect(h.slack.callsOf(`${UPLOAD_METHOD}#500`)).toHaveLength(1);
    expect(h.slack.callsOf("files.completeUploadExternal#429")).toHaveLength(1);
    expect(h.slack.callsOf("files.completeUploadExternal")).toHaveLength(1);
    expect(h.slack.sharedFiles).toHaveLength(1);
    expect(pngSize(new Uint8Array(h.slack.sharedFiles[0]!.data)).width).toBeGreaterThan(640);
  }, 20_000);

  test("another member's export goes to their own DM", async () => {
    await run(SAM, "export overdue");
    const [file] = await h.slack.waitForSharedFiles(1);
    expect(file!.channelId).toBe("D0SAM");
    expect(file!.filename).toBe(`overdue-${TODAY}.csv`);
    expect(h.slack.filesIn(PAT_DM)).toEqual([]);
  });

  describe("with a 200-byte upload limit", () => {
    let small: Harness<RapportApi>;
    beforeAll(async () => {
      small = await startHarnessWith<RapportApi>(core.rapport, { maxUploadBytes: 200 });
    });
    afterAll(async () => {
      await small?.stop();
    });

    test("a file over the limit is not uploaded; the message names it, its size and what to do", async () => {
      const sent = await small.command(PAT, "export customers");
      const [response] = await small.slack.waitForResponses(sent.responseId);
      const text = readable(response!.body);
      expect(text).toMatch(new RegExp(`${CSV_NAME.replace(/\./g, "\\.")} is [\\d.]+ KB, over the 200 bytes limit for files Rapport uploads to Slack, so it was not sent\\.`));
      expect(text).toContain("Narrow it down with filters");
      expect(small.slack.callsOf("files.getUploadURLExternal")).toEqual([]);
      expect(small.slack.sharedFiles).toEqual([]);
    });
  });
});
