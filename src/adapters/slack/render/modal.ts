/**
 * Command forms as Slack modals. The inputs come from a command's `options` metadata, so every
 * command gets a form without Slack-specific code: text -> plain_text_input, customer/order/member ->
 * external_select (options from `api.pick`), choice -> static_select, date -> datepicker,
 * integer -> number_input, fields -> a multi-line `field=value` input.
 */
import type { types as slack } from "@slack/bolt";
import type { CommandDefinition, CommandOption } from "../../../core/command.js";
import { neutralisePlain } from "./escape.js";
import { SLACK_LIMITS, truncate } from "./limits.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import type { PickerOption } from "../../../core/service-api.js";
import { ACTION_OPTION, choiceLabel, formOptions as sharedFormOptions, formText, formTitle, hasActionForms, isMultiline, optionsForAction } from "../../kit/form-options.js";
import { createTranslator, type Translate } from "../../../core/i18n/index.js";

export const FORM_CALLBACK_PREFIX = "rapport:form:";
export const FORM_CALLBACK_PATTERN = /^rapport:form:[a-z][a-z0-9-]*$/;
export const PICK_ACTION_PATTERN = /^pick:(customer|order|member)$/;
/** The action select of a form whose inputs depend on the action (`deal`): choosing one redraws the form. */
export const FORM_ACTION_SWITCH = "form:action";

/** What the submission handler needs to know about where the form came from. */
export type FormMetadata = {
  /** Channel to answer in (message shortcut, slash command); absent: answer in the app DM. */
  channelId?: string;
  /** Permalink of the message a "Log to CRM" form was opened from. */
  messageLink?: string;
};

export type ModalInput = {
  prefill?: Record<string, string>;
  /** Labels for prefilled picker values (e.g. "#42" -> "Acme Corp (#42)"). */
  prefillLabels?: Record<string, string>;
  metadata?: FormMetadata;
  title?: string;
  /** Applied to every text the form shows (labels, prefilled values); tests pass the identity. */
  neutralise?: Neutraliser;
  /** The reader's language (default English). */
  t?: Translate;
};

/** The inputs a form shows; for commands with per-action inputs, those of `action` (none chosen: the shared ones). */
export function formOptions(command: CommandDefinition, action?: string): CommandOption[] {
  const options = sharedFormOptions(command);
  return (hasActionForms(command) ? optionsForAction(options, action) : options).slice(0, SLACK_LIMITS.viewBlocks);
}

export function blockIdFor(option: Pick<CommandOption, "name">): string {
  return `opt:${option.name}`;
}

export function buildCommandModal(command: CommandDefinition, input: ModalInput = {}): slack.ModalView {
  const prefill = input.prefill ?? {};
  const neutralise = input.neutralise ?? neutraliseText;
  const t = input.t ?? createTranslator("en");
  const switching = hasActionForms(command);
  const blocks = formOptions(command, prefill[ACTION_OPTION]).map((option) => {
    const block = inputBlock(command, option, { prefill: prefill[option.name], prefillLabel: input.prefillLabels?.[option.name], neutralise, t });
    if (switching && option.name === ACTION_OPTION && block.element.type === "static_select") {
      block.dispatch_action = true;
      block.element.action_id = FORM_ACTION_SWITCH;
    }
    return block;
  });
  return {
    type: "modal",
    callback_id: `${FORM_CALLBACK_PREFIX}${command.name}`,
    title: plain(truncate(neutralise(input.title ?? formTitle(command, t, `/crm ${command.name}`)), SLACK_LIMITS.modalTitle)),
    submit: plain(t(command.writes ? "form.save" : "form.run")),
    close: plain(t("form.cancel")),
    private_metadata: encodeMetadata(input.metadata ?? {}),
    blocks: blocks.length ? blocks : [{ type: "section", text: { type: "mrkdwn", text: t("form.noInput") } }],
  };
}

export function encodeMetadata(metadata: FormMetadata): string {
  const full = JSON.stringify(metadata);
  if (full.length <= SLACK_LIMITS.privateMetadata) return full;
  const { messageLink: _dropped, ...rest } = metadata;
  return JSON.stringify(rest);
}

/** Forged or garbled metadata yields `{}`; channel ids are checked for shape. */
export function decodeMetadata(raw: string | undefined): FormMetadata {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const metadata: FormMetadata = {};
    if (typeof parsed.channelId === "string" && /^[CGD][A-Z0-9]{2,}$/.test(parsed.channelId)) metadata.channelId = parsed.channelId;
    if (typeof parsed.messageLink === "string" && /^https:\/\//.test(parsed.messageLink)) metadata.messageLink = parsed.messageLink;
    return metadata;
  } catch {
    return {};
  }
}

type InputContext = { prefill: string | undefined; prefillLabel: string | undefined; neutralise: Neutraliser; t: Translate };

function inputBlock(command: CommandDefinition, option: CommandOption, input: InputContext): slack.InputBlock {
  const text = formText(command, option, input.t);
  const block: slack.InputBlock = {
    type: "input",
    block_id: blockIdFor(option),
    label: plain(truncate(text.label, SLACK_LIMITS.inputLabel)),
    optional: !option.required,
    element: elementFor(option, input),
  };
  if (text.description) block.hint = plain(truncate(neutralisePlain(input.neutralise(text.description)), SLACK_LIMITS.inputHint));
  return block;
}

function elementFor(option: CommandOption, { prefill, prefillLabel, neutralise, t }: InputContext): slack.InputBlock["element"] {
  const action_id = "value";
  switch (option.kind) {
    case "customer":
    case "order":
    case "member": {
      const element: slack.ExternalSelect = { type: "external_select", action_id: `pick:${option.kind}`, min_query_length: 1, placeholder: plain(t("form.search", { kind: option.kind })) };
      if (prefill) element.initial_option = selectOption(neutralise(prefillLabel ?? prefill), prefill);
      return element;
    }
    case "choice": {
      const choices = (option.choices ?? []).slice(0, SLACK_LIMITS.optionsPerSelect);
      const shown = (choice: string) => selectOption(neutralise(choiceLabel(choice, t)), choice);
      const element: slack.StaticSelect = { type: "static_select", action_id, options: choices.map(shown) };
      if (prefill && choices.includes(prefill)) element.initial_option = shown(prefill);
      return element;
    }
    case "flag": {
      const shown = (choice: "yes" | "no") => selectOption(choiceLabel(choice, t), choice);
      const element: slack.StaticSelect = { type: "static_select", action_id, options: (["yes", "no"] as const).map(shown) };
      if (prefill === "yes" || prefill === "no") element.initial_option = shown(prefill);
      return element;
    }
    case "channel": {
      // The picked channel comes back as an id; readSubmission turns it into the link the core reads.
      const element: slack.ConversationsSelect = { type: "conversations_select", action_id, filter: { include: ["public", "private"], exclude_bot_users: true } };
      const picked = prefill ? SLACK_CHANNEL_LINK.exec(prefill)?.[1] : undefined;
      if (picked) element.initial_conversation = picked;
      return element;
    }
    case "date": {
      const element: slack.Datepicker = { type: "datepicker", action_id };
      if (prefill && /^\d{4}-\d{2}-\d{2}$/.test(prefill)) element.initial_date = prefill;
      return element;
    }
    case "integer": {
      const element: slack.NumberInput = { type: "number_input", action_id, is_decimal_allowed: false };
      if (prefill && /^-?\d+$/.test(prefill)) element.initial_value = prefill;
      return element;
    }
    case "fields":
    case "text": {
      const multiline = isMultiline(option);
      const element: slack.PlainTextInput = { type: "plain_text_input", action_id, multiline, max_length: SLACK_LIMITS.plainTextInput };
      if (option.kind === "fields") element.placeholder = plain(t("form.fieldsPlaceholder"));
      // The person edits and saves this value: an override here would disguise what they save.
      if (prefill) element.initial_value = truncate(neutralise(prefill), SLACK_LIMITS.plainTextInput);
      return element;
    }
  }
}

type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_date?: string | null;
  selected_conversation?: string | null;
};

/** `<#C0123>` or `<#C0123|sales>`: the channel id of a picked channel. */
const SLACK_CHANNEL_LINK = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** view.state.values -> command arguments (empty inputs are left out, so optional options stay absent). */
export function readSubmission(command: CommandDefinition, values: Record<string, Record<string, StateValue>>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  // Every input any action shows: the view holds only those of the action chosen.
  for (const option of sharedFormOptions(command)) {
    const inputs = values[blockIdFor(option)];
    if (!inputs) continue;
    const state = Object.values(inputs)[0];
    if (!state) continue;
    const raw = state.selected_option?.value ?? state.selected_date ?? (state.selected_conversation ? `<#${state.selected_conversation}>` : undefined) ?? state.value ?? undefined;
    if (raw === undefined || raw === null || raw.trim() === "") continue;
    if (option.kind === "integer") args[option.name] = Number(raw);
    else if (option.kind === "flag") args[option.name] = raw === "yes";
    else if (option.kind === "fields") args[option.name] = parseFieldLines(raw);
    else args[option.name] = raw.trim();
  }
  return args;
}

/**
 * What the reader has entered so far, as a prefill to redraw the form with (values and the labels
 * of picked options), so switching the action keeps what was typed.
 */
export function prefillFromState(command: CommandDefinition, values: Record<string, Record<string, StateValue & { selected_option?: { value?: string; text?: { text?: string } } | null }>>): { prefill: Record<string, string>; labels: Record<string, string> } {
  const prefill: Record<string, string> = {};
  const labels: Record<string, string> = {};
  for (const option of sharedFormOptions(command)) {
    const state = Object.values(values[blockIdFor(option)] ?? {})[0];
    const raw = state?.selected_option?.value ?? state?.selected_date ?? state?.value ?? undefined;
    if (raw === undefined || raw === null || raw.trim() === "") continue;
    prefill[option.name] = raw;
    const label = state?.selected_option?.text?.text;
    if (label) labels[option.name] = label;
  }
  return { prefill, labels };
}

/** `grade=A` lines (or comma/semicolon separated) -> { grade: "A" }. Lines without `=` are ignored. */
export function parseFieldLines(raw: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of raw.split(/\r?\n|;/)) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim().replace(/^"(.*)"$/, "$1");
    if (key) fields[key] = value;
  }
  return fields;
}

/**
 * Reply.fieldErrors (option name -> message) -> the `errors` map of `response_action: "errors"`
 * (block_id -> message). Errors about options the form does not show land on its first input.
 */
export function fieldErrorsForView(command: CommandDefinition, fieldErrors: Record<string, string>, neutralise: Neutraliser = neutraliseText, action?: string): Record<string, string> {
  const shown = formOptions(command, action);
  const errors: Record<string, string> = {};
  const stray: string[] = [];
  for (const [name, raw] of Object.entries(fieldErrors)) {
    const message = neutralise(raw);
    const option = shown.find((candidate) => candidate.name === name);
    if (option) errors[blockIdFor(option)] = truncate(message, SLACK_LIMITS.inputHint);
    else stray.push(message);
  }
  const first = shown[0];
  if (stray.length && first) {
    const id = blockIdFor(first);
    errors[id] = truncate([errors[id], ...stray].filter(Boolean).join(" "), SLACK_LIMITS.inputHint);
  }
  return errors;
}

function plain(text: string): slack.PlainTextElement {
  return { type: "plain_text", text: text || " ", emoji: true };
}

function selectOption(label: string, value: string): slack.PlainTextOption {
  return { text: plain(truncate(label, SLACK_LIMITS.optionText)), value: sliceWhole(value, SLACK_LIMITS.optionValue) };
}

/** External-select options from `api.pick`: labels neutralised and cut on grapheme boundaries. */
export function pickerOptions(options: readonly PickerOption[], neutralise: Neutraliser = neutraliseText): slack.PlainTextOption[] {
  return options.slice(0, SLACK_LIMITS.optionsPerSelect).map((option) => ({
    text: plain(truncate(neutralisePlain(neutralise(option.label)), SLACK_LIMITS.optionText) || option.value),
    value: sliceWhole(option.value, SLACK_LIMITS.optionValue),
  }));
}

/** A value (sent back, never shown) cut to `max` UTF-16 units without splitting a surrogate pair. */
function sliceWhole(value: string, max: number): string {
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
