import { describe, expect, test } from "vitest";
import { mentionedSlackUsers, plainTextFromSlackMrkdwn } from "./log-from-message.js";

const names = { user: (id: string) => ({ U0SAM: "Sam Roe" })[id] };

describe("plainTextFromSlackMrkdwn", () => {
  test.each([
    ["<@U0SAM> called", "@Sam Roe called"],
    ["<@U0NOBODY> called", "@U0NOBODY called"],
    ["<@U0SAM|sam> called", "@sam called"],
    ["see <https://acme.example/q/7|the quote>", "see the quote (https://acme.example/q/7)"],
    ["see <https://acme.example>", "see https://acme.example"],
    ["mail <mailto:a@acme.example|a@acme.example>", "mail a@acme.example"],
    ["in <#C0SALES|sales> and <!here>", "in #sales and @here"],
    ["*bold* _italic_ ~gone~ `code`", "bold italic gone code"],
    ["R&amp;D &lt;urgent&gt;", "R&D <urgent>"],
    ["&gt; quoted line\nreply", "quoted line\nreply"],
    ["2*3*4 stays", "2*3*4 stays"],
    ["```\nline one\n```", "line one"],
  ])("GIVEN %j THEN %j", (mrkdwn, plain) => {
    expect(plainTextFromSlackMrkdwn(mrkdwn, names)).toBe(plain);
  });

  test("GIVEN mentions THEN each user id once, in order", () => {
    expect(mentionedSlackUsers("<@U1> and <@W2|x> and <@U1>")).toEqual(["U1", "W2"]);
  });
});
