import { ErrorCode } from "@slack/web-api";
import { describe, expect, test } from "vitest";
import type { Attachment } from "../../../core/reply.js";
import { SlackFileUploadError } from "./file-upload.js";
import { asFailure, fileNotes, formatBytes, splitBySize, toUploadFile } from "./reply-files.js";
import type { FileOutcome } from "./file-upload.js";

const file = (overrides: Partial<Attachment> = {}): Attachment => ({ filename: "customers.csv", contentType: "text/csv; charset=utf-8", data: new Uint8Array(10), altText: "customers export, 3 rows (CSV)", ...overrides });

describe("toUploadFile", () => {
  test("GIVEN a CSV THEN its alt text is the title and no alt_txt is sent", () => {
    expect(toUploadFile(file())).toEqual({ filename: "customers.csv", data: new Uint8Array(10), title: "customers export, 3 rows (CSV)" });
  });

  test("GIVEN a PNG with a long description THEN alt_txt is cut to Slack's 1000 characters and the title to 250", () => {
    const upload = toUploadFile(file({ filename: "ar.png", contentType: "image/png", altText: `Receivables. ${"0-30 $1.00, ".repeat(200)}` }));
    expect(upload.altText).toHaveLength(1000);
    expect(upload.altText!.startsWith("Receivables. 0-30 $1.00")).toBe(true);
    expect(upload.altText!.endsWith("…")).toBe(true);
    expect(upload.title).toHaveLength(250);
  });

  test("GIVEN no description THEN the filename is the title", () => {
    expect(toUploadFile(file({ altText: "  ", contentType: "image/png" }))).toEqual({ filename: "customers.csv", data: new Uint8Array(10), title: "customers.csv" });
  });
});

test("GIVEN files around the limit THEN only those over it are held back", () => {
  const small = file({ filename: "a.csv", data: new Uint8Array(100) });
  const exact = file({ filename: "b.csv", data: new Uint8Array(101) });
  const large = file({ filename: "c.csv", data: new Uint8Array(102) });
  expect(splitBySize([small, exact, large], 101)).toEqual({ fit: [small, exact], tooLarge: [large] });
});

test.each([
  [0, "0 bytes"],
  [1023, "1023 bytes"],
  [1024, "1 KB"],
  [1536, "1.5 KB"],
  [50 * 1024 * 1024, "50 MB"],
  [73.25 * 1024 * 1024, "73.3 MB"],
])("GIVEN %i bytes THEN formatBytes says %s", (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text);
});

describe("fileNotes", () => {
  const failed = (failure: Extract<FileOutcome, { status: "failed" }>["failure"], where: "dm" | "channel" = "dm"): FileOutcome => ({ status: "failed", filenames: ["customers.csv"], where, failure, errorId: "ab12cd34" });

  test.each<[string, FileOutcome, "dm" | "channel", { tone: string; text: string } | undefined]>([
    ["sent to the DM of an ephemeral reply", { status: "sent", filenames: ["a.csv", "b.png", "c.png"], where: "dm" }, "dm", { tone: "muted", text: "Sent a.csv, b.png and c.png to your DM with Rapport." }],
    ["sent into the channel of a channel reply", { status: "sent", filenames: ["a.csv"], where: "channel" }, "channel", undefined],
    [
      "sent to the DM because the bot is not in the channel",
      { status: "sent", filenames: ["ar.png"], where: "dm", fellBackFrom: "not_in_channel" },
      "channel",
      { tone: "warning", text: "Rapport cannot upload files to this channel (it is not a member), so I sent ar.png to your DM with Rapport instead. To share files here, invite it with /invite @Rapport and try again." },
    ],
    [
      "too large",
      { status: "too-large", filename: "customers.csv", bytes: 73 * 1024 * 1024, limit: 50 * 1024 * 1024 },
      "dm",
      { tone: "warning", text: "customers.csv is 73 MB, over the 50 MB limit for files Rapport uploads to Slack, so it was not sent. Narrow it down with filters or export a smaller report (for example /crm export overdue), or run `rapport export` on the server." },
    ],
    [
      "missing files:write",
      failed({ kind: "refused", error: "missing_scope", needed: "files:write" }),
      "dm",
      {
        tone: "warning",
        text: 'Could not send customers.csv: Rapport lacks the files:write permission in this workspace. A workspace admin must reinstall Rapport with files:write: api.slack.com/apps → Rapport → OAuth & Permissions → add the files:write bot scope → Reinstall to Workspace (see "Files" in Rapport\'s docs/slack.md).',
      },
    ],
    [
      "missing im:write (no DM)",
      failed({ kind: "refused", error: "missing_scope", needed: "im:write" }),
      "dm",
      { tone: "warning", text: expect.stringContaining("Rapport lacks the im:write permission in this workspace. A workspace admin must reinstall Rapport with im:write") as unknown as string },
    ],
    ["uploads disabled", failed({ kind: "refused", error: "file_uploads_disabled" }), "dm", { tone: "warning", text: "Could not send customers.csv: file uploads are turned off in this workspace; a workspace admin can allow them." }],
    ["another refusal", failed({ kind: "refused", error: "invalid_blocks" }), "dm", { tone: "warning", text: "Could not send customers.csv: Slack refused the upload (invalid_blocks)." }],
    [
      "lost while sharing into the DM",
      failed({ kind: "unknown", reason: "socket hang up" }),
      "dm",
      { tone: "warning", text: "Slack did not confirm that customers.csv arrived (the connection dropped while sharing). Look in your DM with Rapport before trying again, so you do not get it twice (error id ab12cd34)." },
    ],
    ["lost while sharing into the channel", failed({ kind: "unknown", reason: "socket hang up" }, "channel"), "channel", { tone: "warning", text: expect.stringContaining("Look in this channel before trying again") as unknown as string }],
    ["no answer before sharing", failed({ kind: "failed", reason: "ECONNRESET" }), "dm", { tone: "warning", text: "Could not send customers.csv: Slack did not answer in time. Nothing was shared; try again in a minute (error id ab12cd34)." }],
    ["no bot token", failed({ kind: "no-token" }), "dm", { tone: "warning", text: "Could not send customers.csv: Rapport has no bot token for this workspace (error id ab12cd34)." }],
  ])("GIVEN %s THEN the requester reads the right note", (_name, outcome, shownIn, expected) => {
    expect(fileNotes([outcome], { shownIn })).toEqual(expected ? [{ type: "text", ...expected }] : []);
  });
});

describe("asFailure", () => {
  test("GIVEN Slack's refusal THEN its error code and the scope it needs", () => {
    const error = Object.assign(new Error("An API error occurred: missing_scope"), { code: ErrorCode.PlatformError, data: { ok: false, error: "missing_scope", needed: "im:write" } });
    expect(asFailure(error)).toEqual({ kind: "refused", error: "missing_scope", needed: "im:write" });
  });

  test("GIVEN an upload error THEN its own failure", () => {
    expect(asFailure(new SlackFileUploadError({ kind: "unknown", reason: "lost" }))).toEqual({ kind: "unknown", reason: "lost" });
  });

  test("GIVEN anything else THEN a failure before sharing, with the message", () => {
    expect(asFailure(new Error("boom"))).toEqual({ kind: "failed", reason: "boom" });
  });
});
