import { describe, expect, it } from "vitest";
import { reply, type Reply } from "../../core/reply.js";
import { previewRecord, recordPreview } from "./record-preview.js";

const URL = "https://crm.example.com/c/7";

const customerReply: Reply = reply.of(
  "Acme Corp",
  [
    {
      type: "card",
      title: "Acme Corp  #7",
      subtitle: "B · Boston",
      url: URL,
      fields: Array.from({ length: 9 }, (_, index) => ({ label: `Label ${index + 1}`, value: `Value ${index + 1}`, inline: index % 2 === 0 })),
      text: "Churn risk: no order since March",
      buttons: [{ label: "Log call", action: { kind: "form", command: "log", prefill: { customer: "#7" } } }],
    },
    { type: "text", text: "Open in browser: https://crm.example.com/c/7", tone: "muted" },
    { type: "table", columns: ["Order"], rows: [["SO-1"]] },
  ],
  { locale: "ko" },
);

describe("recordPreview", () => {
  it("GIVEN a record reply THEN keeps the first card's title, subtitle, link and six fields, without buttons or anything below", () => {
    expect(recordPreview(customerReply, { url: URL })).toEqual({
      title: "Acme Corp  #7",
      blocks: [
        {
          type: "card",
          title: "Acme Corp  #7",
          subtitle: "B · Boston",
          url: URL,
          fields: Array.from({ length: 6 }, (_, index) => ({ label: `Label ${index + 1}`, value: `Value ${index + 1}`, inline: true })),
        },
      ],
      visibility: "channel",
      locale: "ko",
    });
  });

  it("GIVEN the link as posted THEN the preview links to that address", () => {
    const posted = "https://crm.example.com/c/7/";
    const card = recordPreview(customerReply, { url: posted })!.blocks[0]!;
    expect(card.type === "card" && card.url).toBe(posted);
  });

  it.each([
    ["an error (not found, not allowed)", reply.error("not_found", "No customer #7.")],
    ["a reply without a card", reply.text("Settings", "Nothing here")],
  ])("GIVEN %s THEN there is no preview", (_name, given) => {
    expect(recordPreview(given, { url: URL })).toBeNull();
  });
});

describe("previewRecord", () => {
  it("GIVEN a link THEN runs the record's read command as the reader", async () => {
    const seen: { text: string; user: string }[] = [];
    const api = {
      runText: async (input: { actor: { userExternalId: string }; text: string }) => {
        seen.push({ text: input.text, user: input.actor.userExternalId });
        return input.text === "order SO-1042" ? customerReply : reply.error("not_found", "No such order");
      },
    };
    const actor = { platform: "slack", tenantExternalId: "T1", userExternalId: "U1" };
    expect(await previewRecord(api, actor, { kind: "order", key: "SO-1042", url: "https://crm.example.com/o/SO-1042" })).not.toBeNull();
    expect(await previewRecord(api, actor, { kind: "quote", key: "Q-1", url: "https://crm.example.com/q/Q-1" })).toBeNull();
    expect(seen).toEqual([
      { text: "order SO-1042", user: "U1" },
      { text: "quote Q-1", user: "U1" },
    ]);
  });
});
