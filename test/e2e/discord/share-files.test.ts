/**
 * Share carries the reply's files into the channel: the real core (PGlite, demo data) renders the
 * chart / export, the real discord.js Client answers, the fake Discord stores and serves the files
 * like Discord's CDN (signed `ephemeral-attachments` URLs for the ephemeral reply).
 */
// The app loads before the adapter, as in `rapport start` (see real-core.test.ts).
import { afterEach, describe, expect, test } from "vitest";
import { pngSize } from "../../../src/charts/render-chart.js";
import type { RecordedCall } from "../../fakes/discord/fake-discord.js";
import { buttonInteraction, chatInputInteraction, type SlashOption } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();
afterEach(() => {
  h.slow.ms = 0;
});

type StoredAttachment = { id: string; filename: string; url: string; size: number; description?: string; ephemeral?: boolean };
type Msg = {
  id: string;
  content: string;
  flags: number;
  embeds: any[];
  attachments: StoredAttachment[];
  components: { components: { label: string; custom_id: string }[] }[];
};

const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });
const stored = (interactionId: string) => h.fake.interactionState(interactionId)?.original as unknown as Msg;
const cdnGets = (since: number) => h.fake.calls.slice(since).filter((c) => c.method === "GET" && /^\/(ephemeral-)?attachments\//.test(c.path));

/** Runs a /crm subcommand and returns the ephemeral reply as the fake stored it, plus the uploaded files. */
async function ask(subcommand: string, options: SlashOption[], who = h.member) {
  const interaction = h.fake.dispatchInteraction(chatInputInteraction(who, { subcommand, options }));
  const call = await h.callback(interaction, 15_000);
  expect(call.body.type).toBe(4);
  expect(call.body.data.flags).toBe(64);
  return { message: stored(interaction.id), uploaded: call.files };
}

/**
 * Presses Share on `message`. Returns the message body that created the channel copy (the type 4
 * callback, or the edit of a deferred one) with its files, and the copy as the fake stored it.
 */
async function share(message: Msg, patch: Record<string, unknown> = {}, who = h.member) {
  const customId = message.components.flatMap((row) => row.components).find((c) => c.label === "Share")?.custom_id;
  expect(customId).toBeDefined();
  const interaction = h.fake.dispatchInteraction({ ...buttonInteraction(who, { customId: customId!, message, ephemeral: true }), ...patch });
  const callback = await h.callback(interaction, 10_000);
  const dispatchedAt = h.fake.interactionState(interaction.id)!.dispatchedAt;
  let body: any;
  let files: RecordedCall["files"];
  if (callback.body.type === 5) {
    const edit = await h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${h.fake.applicationId}/${interaction.token}/messages/@original`, 20_000);
    body = edit.body;
    files = edit.files;
  } else {
    expect(callback.body.type).toBe(4);
    body = callback.body.data;
    files = callback.files;
  }
  return { callback, body, files, copy: stored(interaction.id), firstResponseMs: callback.at - dispatchedAt };
}

describe("Share carries the reply's files", () => {
  test("/crm stats ar + Share: the channel message has the same PNG and its embed shows it", async () => {
    const { message, uploaded } = await ask("stats", [opt("kind", "ar")]);
    expect(uploaded.map((f) => f.name)).toEqual(["ar-ageing.png"]);
    const png = uploaded[0]!.data;
    // The ephemeral reply as Discord has it: an ephemeral attachment, the embed image resolved to its CDN URL.
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ filename: "ar-ageing.png", ephemeral: true });
    expect(message.attachments[0]!.url).toMatch(/\/ephemeral-attachments\/.+\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=/);
    expect(message.embeds[0].image.url).toBe(message.attachments[0]!.url);

    const since = h.fake.calls.length;
    const shared = await share(message);
    expect(shared.body.content).toBe(`Shared by <@${h.member.actor.user.id}>`);
    expect(shared.body.flags ?? 0).toBe(0);
    expect(shared.body.allowed_mentions).toEqual({ parse: [] });
    expect(shared.body.embeds[0].title).toBe(message.embeds[0].title);
    // The copy's embed points at its own upload, not at the ephemeral message's CDN URL.
    expect(shared.body.embeds[0].image).toEqual({ url: "attachment://ar-ageing.png" });
    expect(shared.files.map((f) => f.name)).toEqual(["ar-ageing.png"]);
    expect(shared.files[0]!.data.equals(png)).toBe(true);
    expect(pngSize(shared.files[0]!.data)).toEqual(pngSize(png));
    expect(shared.body.attachments).toEqual([{ id: "0", description: message.attachments[0]!.description }]);
    expect(cdnGets(since).map((c) => `${c.path} ${c.status}`)).toEqual([`${new URL(message.attachments[0]!.url).pathname} 200`]);

    // The channel message as Discord stores it: a normal attachment with the same bytes, shown by the embed.
    const copy = shared.copy;
    expect(copy.flags & 64).toBe(0);
    expect(copy.attachments.map((a) => a.filename)).toEqual(["ar-ageing.png"]);
    expect(copy.attachments[0]!.ephemeral).toBeUndefined();
    expect(copy.attachments[0]!.url).toMatch(/\/attachments\//);
    expect(copy.embeds[0].image.url).toBe(copy.attachments[0]!.url);
    const served = h.fake.attachmentData(copy.attachments[0]!.url)!;
    expect(served.equals(png)).toBe(true);
    expect(pngSize(served)).toEqual(pngSize(png));
  }, 30_000);

  test("/crm export customers + Share: the CSV is attached to the channel message with the same bytes", async () => {
    // As the manager: a rep's export holds only their own customers.
    const { message, uploaded } = await ask("export", [opt("what", "customers"), opt("format", "csv")], h.admin);
    expect(uploaded.map((f) => f.name)).toEqual(["customers-2026-11-23.csv"]);
    const csv = uploaded[0]!.data;
    expect(csv.toString("utf8")).toContain("Acme Corp");

    const shared = await share(message, {}, h.admin);
    expect(shared.body.content).toBe(`Shared by <@${h.admin.actor.user.id}>`);
    expect(shared.files.map((f) => f.name)).toEqual(["customers-2026-11-23.csv"]);
    expect(shared.files[0]!.data.equals(csv)).toBe(true);
    expect(message.attachments[0]!.description).toMatch(/^customers export, \d+ rows \(CSV\)$/);
    expect(shared.body.attachments).toEqual([{ id: "0", description: message.attachments[0]!.description }]);
    expect(shared.body.embeds[0].title).toBe(message.embeds[0].title);
    expect(shared.body.embeds[0].image).toBeUndefined();
    expect(shared.copy.attachments.map((a) => a.filename)).toEqual(["customers-2026-11-23.csv"]);
    expect(h.fake.attachmentData(shared.copy.attachments[0]!.url)!.equals(csv)).toBe(true);
  }, 30_000);

  test("a failed download still shares the text, without the image, and says so", async () => {
    const { message } = await ask("stats", [opt("kind", "ar")]);
    h.fake.injectFault({ method: "GET", path: /^\/ephemeral-attachments\//, status: 404 });
    const since = h.fake.calls.length;
    const shared = await share(message);
    expect(cdnGets(since).map((c) => c.status)).toEqual([404]);
    expect(shared.files).toEqual([]);
    expect(shared.body.content).toBe(
      `Shared by <@${h.member.actor.user.id}>\n-# ⚠️ ar-ageing.png is not attached: it could not be copied from the original reply. Run the command again to get it.`,
    );
    expect(shared.body.embeds[0].title).toBe(message.embeds[0].title);
    expect(shared.body.embeds[0].description).toBe(message.embeds[0].description);
    // No dangling link to the ephemeral message's file.
    expect(shared.body.embeds[0].image).toBeUndefined();
    expect(JSON.stringify(shared.body)).not.toContain("ephemeral-attachments");
    expect(shared.copy.attachments).toEqual([]);
    expect(h.logger.entries.some((e) => e.msg === "share: a file could not be copied" && (e.obj as any).reason === "unavailable")).toBe(true);
  }, 30_000);

  test("a slow download is deferred within 3 s (publicly), then the file comes with the edit", async () => {
    const { message, uploaded } = await ask("stats", [opt("kind", "ar")]);
    h.fake.injectFault({ method: "GET", path: /^\/ephemeral-attachments\//, delayMs: 2_600 });
    const shared = await share(message);
    expect(shared.callback.body.type).toBe(5);
    expect((shared.callback.body.data?.flags ?? 0) & 64).toBe(0);
    expect(shared.firstResponseMs).toBeLessThan(3_000);
    expect(shared.files.map((f) => f.name)).toEqual(["ar-ageing.png"]);
    expect(shared.files[0]!.data.equals(uploaded[0]!.data)).toBe(true);
    expect(shared.body.embeds[0].image).toEqual({ url: "attachment://ar-ageing.png" });
    expect(shared.copy.flags & 64).toBe(0);
    expect(shared.copy.embeds[0].image.url).toBe(shared.copy.attachments[0]!.url);
  }, 30_000);

  test("a file over this server's upload limit is not downloaded; the share says why", async () => {
    const { message } = await ask("stats", [opt("kind", "ar")]);
    const size = message.attachments[0]!.size;
    expect(size).toBeGreaterThan(1024);
    const since = h.fake.calls.length;
    const shared = await share(message, { attachment_size_limit: 1024 });
    expect(cdnGets(since)).toEqual([]);
    expect(shared.files).toEqual([]);
    expect(shared.body.content).toMatch(/^Shared by <@\d+>\n-# ⚠️ ar-ageing\.png \(\d+ KB\) is not attached: it is larger than this server's upload limit \(1 KB\)\.$/);
    expect(shared.body.embeds[0].image).toBeUndefined();
  }, 30_000);

  test("files Discord refuses (413 / 40005) are left out and the text is shared anyway", async () => {
    const { message } = await ask("stats", [opt("kind", "ar")]);
    h.fake.injectFault({ method: "POST", path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 413 });
    const customId = message.components.flatMap((row) => row.components).find((c) => c.label === "Share")!.custom_id;
    const interaction = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId, message, ephemeral: true }));
    const answered = await h.fake.waitFor(
      () => h.fake.callsFor(interaction).filter((c) => c.method === "POST" && c.status !== 0).length === 2 && h.fake.callsFor(interaction),
      10_000,
    );
    expect(answered.map((c) => `${c.status} ${c.files.map((f) => f.name).join(",")}`)).toEqual(["413 ar-ageing.png", "204 "]);
    const retry = answered[1]!;
    expect(retry.body.data.content).toBe(
      `Shared by <@${h.member.actor.user.id}>\n-# ⚠️ ar-ageing.png is not attached: Discord refused the upload. Run the command again to get it.`,
    );
    expect(retry.body.data.embeds[0].image).toBeUndefined();
    expect(stored(interaction.id).attachments).toEqual([]);
  }, 30_000);
});
