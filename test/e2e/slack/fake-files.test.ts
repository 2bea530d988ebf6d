/**
 * The fake Slack's file upload flow, checked with the official WebClient: it must accept what the
 * SDK sends (multipart bytes, `files` as JSON in a form field) and refuse what Slack refuses, or the
 * e2e suites would pass against a fake that real Slack does not resemble.
 */
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { BOT_TOKEN, DEFAULT_FAKE_SLACK } from "./harness.js";

describe("FakeSlackApi: files.getUploadURLExternal -> upload_url -> files.completeUploadExternal", () => {
  let slack: FakeSlackApi;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startFakeSlackApi({ ...DEFAULT_FAKE_SLACK, channels: [...DEFAULT_FAKE_SLACK.channels!, { id: "C0GENERAL", name: "general", isMember: false }] });
    client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack?.stop();
  });
  beforeEach(() => slack.reset());

  async function reserve(filename: string, length: number, extra: Record<string, unknown> = {}) {
    return (await client.apiCall("files.getUploadURLExternal", { filename, length, ...extra })) as unknown as { upload_url: string; file_id: string };
  }

  test("should accept the SDK's own filesUploadV2 (multipart bytes) and keep the bytes that were shared", async () => {
    const bytes = Buffer.from("name,city\nAcme Corp,Boston\n", "utf8");
    await client.filesUploadV2({ channel_id: "C0SALES", file: bytes, filename: "customers.csv", title: "Customers", alt_text: "customer list", initial_comment: "Here you go" });
    const [file] = slack.sharedFiles;
    expect(file).toMatchObject({ channelId: "C0SALES", filename: "customers.csv", title: "Customers", initialComment: "Here you go", token: BOT_TOKEN });
    expect(file!.data.equals(bytes)).toBe(true);
    // The SDK (8.2) names the alt text `alt_text`; Slack's method takes `alt_txt`, so it is lost.
    expect(slack.callsOf("files.getUploadURLExternal")[0]!.args).toMatchObject({ alt_text: "customer list" });
    expect(file!.altTxt).toBeUndefined();
  });

  test("should refuse bytes of another length than announced, after which the id cannot be completed", async () => {
    const { upload_url, file_id } = await reserve("a.csv", 10);
    const posted = await fetch(upload_url, { method: "POST", body: new Uint8Array(5) });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain("announced 10 bytes, received 5");
    await expect(client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: "C0SALES" })).rejects.toMatchObject({ data: { error: "file_not_found" } });
    expect(slack.sharedFiles).toEqual([]);
  });

  test.each([
    ["no filename", { filename: "", length: 3 }, "invalid_arguments"],
    ["length 0", { filename: "a.csv", length: 0 }, "missing_argument"],
    ["alt_txt over 1000 characters", { filename: "a.png", length: 3, alt_txt: "x".repeat(1001) }, "alt_txt_too_large"],
  ])("should refuse a reservation with %s", async (_name, args, error) => {
    await expect(client.apiCall("files.getUploadURLExternal", args)).rejects.toMatchObject({ data: { error } });
  });

  test("should refuse to complete an id that was never uploaded, and share each upload only once", async () => {
    await expect(client.files.completeUploadExternal({ files: [{ id: "F0NEVER" }], channel_id: "C0SALES" })).rejects.toMatchObject({ data: { error: "file_not_found" } });
    const { upload_url, file_id } = await reserve("a.csv", 3);
    expect((await fetch(upload_url, { method: "POST", body: new Uint8Array([1, 2, 3]) })).status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: file_id, title: "A" }], channel_id: "C0SALES" });
    await expect(client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: "C0SALES" })).rejects.toMatchObject({ data: { error: "file_not_found" } });
    expect(slack.sharedFiles.map((file) => file.title)).toEqual(["A"]);
  });

  test.each([
    ["a channel the bot is not in", "C0GENERAL", "not_in_channel"],
    ["an unknown channel", "C0NOWHERE", "channel_not_found"],
  ])("should refuse to share into %s", async (_name, channel, error) => {
    const { upload_url, file_id } = await reserve("a.csv", 1);
    await fetch(upload_url, { method: "POST", body: new Uint8Array([7]) });
    await expect(client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: channel })).rejects.toMatchObject({ data: { error } });
  });

  test("should open the same DM channel per user and accept files there", async () => {
    const first = await client.conversations.open({ users: "U0PAT" });
    const again = await client.conversations.open({ users: "U0PAT" });
    expect(first.channel?.id).toBe("D0PAT");
    expect(again.channel?.id).toBe("D0PAT");
    await expect(client.conversations.open({ users: "U0NOBODY" })).rejects.toMatchObject({ data: { error: "user_not_found" } });
    const { upload_url, file_id } = await reserve("a.png", 2, { alt_txt: "a chart" });
    await fetch(upload_url, { method: "POST", body: new Uint8Array([1, 2]) });
    await client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: "D0PAT" });
    expect(slack.filesIn("D0PAT")).toMatchObject([{ filename: "a.png", title: "a.png", altTxt: "a chart" }]);
  });

  test("should answer injected refusals like Slack, with the scope that is needed", async () => {
    slack.inject("files.getUploadURLExternal", { kind: "platform-error", error: "missing_scope", needed: "files:write" });
    await expect(reserve("a.csv", 1)).rejects.toMatchObject({ data: { ok: false, error: "missing_scope", needed: "files:write" } });
    expect((await reserve("a.csv", 1)).file_id).toMatch(/^F/);
  });
});
