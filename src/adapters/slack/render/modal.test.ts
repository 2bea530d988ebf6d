import { describe, expect, test } from "vitest";
import { logCommand } from "../../../commands/log.js";
import { newCommand } from "../../../commands/new.js";
import { handoverCommand } from "../../../commands/handover.js";
import type { CommandDefinition } from "../../../core/command.js";
import { createTranslator } from "../../../core/i18n/index.js";
import { buildCommandModal, decodeMetadata, fieldErrorsForView, pickerOptions, readSubmission } from "./modal.js";

const log = logCommand;
const created = newCommand;
const plain = (text: string) => ({ type: "plain_text", text, emoji: true });

describe("buildCommandModal", () => {
  test("GIVEN the log command and a prefill THEN inputs derived from its options", () => {
    const view = buildCommandModal(log, {
      prefill: { customer: "#1", channel: "chat", summary: "We agreed <!here>", next: "2026-05-01", link: "https://x.slack.com/p1" },
      prefillLabels: { customer: "Acme Corp (#1)" },
      metadata: { channelId: "C0SALES", messageLink: "https://x.slack.com/p1" },
    });
    expect(view).toEqual({
      type: "modal",
      callback_id: "rapport:form:log",
      title: plain("Log to CRM"),
      submit: plain("Save"),
      close: plain("Cancel"),
      private_metadata: '{"channelId":"C0SALES","messageLink":"https://x.slack.com/p1"}',
      blocks: [
        {
          type: "input",
          block_id: "opt:customer",
          label: plain("Customer"),
          optional: false,
          hint: plain("Customer name fragment or #id"),
          element: { type: "external_select", action_id: "pick:customer", min_query_length: 1, placeholder: plain("Search customers"), initial_option: { text: plain("Acme Corp (#1)"), value: "#1" } },
        },
        {
          type: "input",
          block_id: "opt:channel",
          label: plain("Channel"),
          optional: false,
          hint: plain("How you talked"),
          element: {
            type: "static_select",
            action_id: "value",
            options: ["call", "email", "meeting", "visit", "chat", "note"].map((choice) => ({ text: plain(choice), value: choice })),
            initial_option: { text: plain("chat"), value: "chat" },
          },
        },
        {
          type: "input",
          block_id: "opt:summary",
          label: plain("Summary"),
          optional: false,
          hint: plain("What was said or agreed"),
          element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 3000, initial_value: "We agreed <!here>" },
        },
        { type: "input", block_id: "opt:next", label: plain("Next follow-up"), optional: true, hint: plain("Next follow-up date (tomorrow, next fri, 2026-12-01)"), element: { type: "datepicker", action_id: "value", initial_date: "2026-05-01" } },
        {
          type: "input",
          block_id: "opt:outcome",
          label: plain("Outcome"),
          optional: true,
          hint: plain("How it went"),
          element: { type: "static_select", action_id: "value", options: ["effective", "high-value", "unsuccessful"].map((choice) => ({ text: plain(choice), value: choice })) },
        },
        {
          type: "input",
          block_id: "opt:link",
          label: plain("Message link"),
          optional: true,
          hint: plain("Link to the chat message"),
          element: { type: "plain_text_input", action_id: "value", multiline: false, max_length: 3000, initial_value: "https://x.slack.com/p1" },
        },
      ],
    });
  });

  test("GIVEN a submission THEN state maps back to args, empty inputs left out", () => {
    const args = readSubmission(log, {
      "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: "#1" } } },
      "opt:channel": { value: { type: "static_select", selected_option: { value: "call" } } },
      "opt:summary": { value: { type: "plain_text_input", value: "  Pricing  " } },
      "opt:next": { value: { type: "datepicker", selected_date: "2026-05-01" } },
      "opt:outcome": { value: { type: "static_select", selected_option: null } },
      "opt:link": { value: { type: "plain_text_input", value: "" } },
    });
    expect(args).toEqual({ customer: "#1", channel: "call", summary: "Pricing", next: "2026-05-01" });
  });

  test("GIVEN field lines THEN a record", () => {
    expect(readSubmission(created, { "opt:name": { value: { value: "Acme" } }, "opt:fields": { value: { value: 'grade=A\ncity = "Boston"\nnonsense' } } })).toEqual({
      name: "Acme",
      fields: { grade: "A", city: "Boston" },
    });
  });

  test("GIVEN field errors THEN block ids, strays on the first input", () => {
    expect(fieldErrorsForView(log, { summary: "Too long", page: "Odd" })).toEqual({ "opt:summary": "Too long", "opt:customer": "Odd" });
  });

  test.each([
    ['{"channelId":"C123","messageLink":"https://a"}', { channelId: "C123", messageLink: "https://a" }],
    ['{"channelId":"<!channel>","messageLink":"javascript:x"}', {}],
    ["not json", {}],
  ])("GIVEN metadata %s THEN checked", (raw, expected) => {
    expect(decodeMetadata(raw)).toEqual(expected);
  });
});

describe("deceptive text in forms and pickers", () => {
  test("GIVEN bidi and zero-width characters in a prefill, its label and field errors THEN the form shows them neutralised", () => {
    const view = buildCommandModal(log, {
      prefill: { customer: "#1", summary: "paid \u202Eeno\u202C" },
      prefillLabels: { customer: "Acme\u200B Corp \u2066(#1)\u2069" },
    });
    const blocks = view.blocks as { block_id: string; element: { initial_option?: { text: { text: string } }; initial_value?: string } }[];
    expect(blocks.find((block) => block.block_id === "opt:customer")?.element.initial_option?.text.text).toEqual("Acme Corp �(#1)�");
    expect(blocks.find((block) => block.block_id === "opt:summary")?.element.initial_value).toEqual("paid �eno�");
    expect(fieldErrorsForView(log, { summary: "No \u202Eeno\u202C" })).toEqual({ "opt:summary": "No �eno�" });
  });

  test("GIVEN picker options with hostile labels THEN neutralised, broadcast words inert and cut on grapheme boundaries", () => {
    const options = pickerOptions([
      { label: "\u202Egnp.exe\u202C", value: "#1" },
      { label: "@channel \u200B", value: "#2" },
      { label: `${"a".repeat(73)}🇰🇷`, value: "#3" },
      { label: "\u200B", value: "#4" },
    ]);
    expect(options).toEqual([
      { text: plain("�gnp.exe�"), value: "#1" },
      { text: plain("@\u2060channel "), value: "#2" },
      { text: plain(`${"a".repeat(73)}…`), value: "#3" },
      { text: plain("#4"), value: "#4" },
    ]);
  });
});

describe("forms in the reader's language", () => {
  test("GIVEN ko and a command with flags THEN yes/no read 예/아니요 and send yes/no; the title and Run are Korean", () => {
    const view = buildCommandModal(handoverCommand, { prefill: { dry_run: "yes" }, t: createTranslator("ko") });
    expect(view.title).toEqual(plain("인수인계"));
    expect(view.submit).toEqual(plain(handoverCommand.writes === true ? "저장" : "실행"));
    expect(view.close).toEqual(plain("취소"));
    const dryRun = view.blocks.find((block) => block.block_id === "opt:dry_run") as { label: unknown; element: { options: unknown[]; initial_option: unknown } };
    expect(dryRun.label).toEqual(plain("미리보기"));
    expect(dryRun.element.options).toEqual([{ text: plain("예"), value: "yes" }, { text: plain("아니요"), value: "no" }]);
    expect(dryRun.element.initial_option).toEqual({ text: plain("예"), value: "yes" });
  });

  test("GIVEN zh-CN and a command without inputs THEN the empty form says so in Simplified Chinese", () => {
    const bare = { ...handoverCommand, name: "help", options: [] } as unknown as CommandDefinition;
    const view = buildCommandModal(bare, { t: createTranslator("zh-CN") });
    expect(view.title).toEqual(plain("帮助"));
    expect(view.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "此命令无需填写内容。" } }]);
  });

  test("GIVEN no language THEN English, as before", () => {
    const view = buildCommandModal(created);
    expect(view.title).toEqual(plain("New customer"));
    expect(view.submit).toEqual(plain("Save"));
  });
});
