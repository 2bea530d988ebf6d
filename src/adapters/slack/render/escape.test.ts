import { describe, expect, test } from "vitest";
import { escapeMrkdwn, mrkdwnLink, safeLinkUrl } from "./escape.js";

describe("escapeMrkdwn", () => {
  test.each([
    ["plain", "Acme Corp", "Acme Corp"],
    ["broadcast mention", "<!channel> hi", "&lt;!channel&gt; hi"],
    ["here mention", "<!here|here>", "&lt;!here|here&gt;"],
    ["user mention", "<@U12345>", "&lt;@U12345&gt;"],
    ["spoofed link", "<https://evil.example|acme.com>", "&lt;https://evil.example|acme.com&gt;"],
    ["ampersand first", "A&B &lt;", "A&amp;B &amp;lt;"],
    ["literal @channel", "ping @channel and @Here", "ping @\u2060channel and @\u2060Here"],
    ["email untouched", "pat@example.com", "pat@example.com"],
  ])("GIVEN %s THEN it is inert", (_name, input, expected) => {
    expect(escapeMrkdwn(input)).toEqual(expected);
  });
});

describe("links", () => {
  test("GIVEN an https url THEN it is linked with an escaped label", () => {
    expect(mrkdwnLink("https://acme.example/a?b=1&c=2", "<b>Acme</b>")).toEqual("<https://acme.example/a?b=1&amp;c=2|&lt;b&gt;Acme&lt;/b&gt;>");
  });
  test.each(["javascript:alert(1)", "slack://open", "not a url", "ftp://x.example"])("GIVEN %s THEN no link", (url) => {
    expect(safeLinkUrl(url)).toBeUndefined();
    expect(mrkdwnLink(url, "Acme")).toEqual("Acme");
  });
  test("GIVEN a pipe in the url THEN it cannot split the link", () => {
    expect(safeLinkUrl("https://a.example/x|evil")).toEqual("https://a.example/x%7Cevil");
  });
});
