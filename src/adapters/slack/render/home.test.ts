import { describe, expect, test } from "vitest";
import { buildHomeView } from "./home.js";

describe("buildHomeView with deceptive text", () => {
  const sections = [{ heading: "Due \u202Etoday\u202C", reply: { title: "t", blocks: [{ type: "text" as const, text: "Acme\u200B" }], visibility: "ephemeral" as const } }];
  const quick = [{ label: "\u2067New\u2069", action: { kind: "run" as const, command: "new" } }];

  test("GIVEN bidi and zero-width text in headings, buttons and sections THEN all neutralised", () => {
    expect(buildHomeView(sections, quick).blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Your Rapport workbench", emoji: true } },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "�New�", emoji: true }, action_id: "rapport:run:1000", value: "new" }] },
      { type: "divider" },
      { type: "header", text: { type: "plain_text", text: "Due �today�", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: "Acme" } },
    ]);
  });

  test("GIVEN the identity as neutraliser THEN the characters pass (the seam the hostile-text check uses)", () => {
    expect(JSON.stringify(buildHomeView(sections, quick, { neutralise: (text) => text }))).toContain("\u202E");
  });
});
