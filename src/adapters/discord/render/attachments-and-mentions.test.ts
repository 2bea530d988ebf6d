import { describe, expect, test } from "vitest";
import type { Attachment, Reply } from "../../../core/reply.js";
import { mention } from "../../../digests/mention.js";
import { createButtonCodec } from "./button-codec.js";
import { attachmentName, renderReply } from "./render-reply.js";

const codec = () => createButtonCodec({ newToken: () => "tok" });
const file = (filename: string, bytes: number, contentType = "text/csv"): Attachment => ({
  filename,
  contentType,
  data: new Uint8Array(bytes).fill(65),
  altText: `alt of ${filename}`,
});
const channelReply = (blocks: Reply["blocks"], extra: Partial<Reply> = {}): Reply => ({ title: "Digest", blocks, visibility: "channel", ...extra });

describe("attachments", () => {
  test.each([
    ["report.csv", "report.csv"],
    ["sales chart 2026.png", "sales_chart_2026.png"],
    ["客户.xlsx", "file-1.xlsx"],
    ["Müller GmbH.csv", "Muller_GmbH.csv"],
    ["../../etc/passwd", "etc_passwd"],
    ["", "file-1"],
  ])("GIVEN the file name %j THEN the attachment is named %j", (filename, expected) => {
    expect(attachmentName(filename, 0)).toBe(expected);
  });

  test("GIVEN a chart and a CSV THEN both become files, the chart shows in the first embed, alt text is the description", () => {
    const message = renderReply(channelReply([{ type: "text", text: "Numbers" }], { attachments: [file("sales.png", 10, "image/png"), file("sales.csv", 20)] }), codec());
    expect(message.files?.map((f) => [f.name, f.contentType, f.data.length, f.description])).toEqual([
      ["sales.png", "image/png", 10, "alt of sales.png"],
      ["sales.csv", "text/csv", 20, "alt of sales.csv"],
    ]);
    expect(message.embeds[0]?.image).toEqual({ url: "attachment://sales.png" });
  });

  test("GIVEN a file over the upload limit and more than 10 files THEN the extra ones are named in a note", () => {
    const attachments = [file("huge.csv", 2_000), ...Array.from({ length: 11 }, (_, i) => file(`f${i}.csv`, 10))];
    const message = renderReply(channelReply([], { attachments }), codec(), { attachmentSizeLimit: 1_000 });
    expect(message.files?.map((f) => f.name)).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}.csv`));
    expect(message.embeds[0]?.description).toBe(
      "⚠️ huge.csv (2 KB) is larger than this server's upload limit (1 KB).\n⚠️ f10.csv not attached: at most 10 files per message.",
    );
  });

  test("GIVEN no attachments THEN no files key at all", () => {
    expect("files" in renderReply(channelReply([{ type: "text", text: "x" }]), codec())).toBe(false);
  });
});

describe("mention markers", () => {
  const ana = { externalId: "500000000000000001", displayName: "Ana_*Rep*" };
  const consoleUser = { externalId: "alice", displayName: "Alice" };

  test("GIVEN markers in text, fields, titles and buttons THEN <@id> only where Discord renders mentions, names elsewhere", () => {
    const message = renderReply(
      channelReply([
        { type: "text", text: `Due: ${mention(ana)} and ${mention(consoleUser)}` },
        { type: "fields", fields: [{ label: `Owner ${mention(ana)}`, value: mention(ana) }] },
        { type: "table", columns: ["Owner"], rows: [[mention(ana)]] },
        { type: "buttons", buttons: [{ label: `Remind ${mention(ana)}`, action: { kind: "run", command: "followups" } }] },
      ], { title: `For ${mention(ana)}` }),
      codec(),
    );
    const [embed] = message.embeds;
    expect(embed?.title).toBe("For @Ana\\_\\*Rep\\*");
    expect(embed?.description?.split("\n")[0]).toBe("Due: <@500000000000000001> and @Alice");
    expect(embed?.description).toContain("Ana_*Rep*");
    expect(embed?.fields).toEqual([{ name: "Owner @Ana\\_\\*Rep\\*", value: "<@500000000000000001>" }]);
    expect(message.components[0]?.components[0]?.label).toBe("Remind @Ana_*Rep*");
    expect(message.mentionedUserIds).toEqual(["500000000000000001"]);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  test("GIVEN CRM text imitating a marker without the private-use characters THEN it stays escaped text", () => {
    const message = renderReply(channelReply([{ type: "text", text: "@123456789012345678|Boss <@123456789012345678>" }]), codec());
    expect(message.embeds[0]?.description).toBe("@123456789012345678\\|Boss \\<@123456789012345678\\>");
    expect(message.mentionedUserIds).toBeUndefined();
  });
});
