import { truncateText } from "../../../core/text/truncate.js";

/** Block Kit limits (https://docs.slack.dev/reference/block-kit). Rendering truncates or pages to stay inside them. */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Top-level `text` of a message (notification fallback); Slack truncates at 40k, we keep it short. */
  fallbackText: 3000,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInput: 3000,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
  privateMetadata: 3000,
} as const;

/**
 * Cuts `text` to at most `max` characters on a grapheme boundary (core/text/truncate.ts), ending with
 * an ellipsis when cut, and never leaving half an escape entity (`&amp;` `&lt;` `&gt;`) at the end.
 */
export function truncate(text: string, max: number): string {
  return truncateText(text, max, WITHOUT_HALF_ENTITY);
}

// One options object for every call: rendering a reply truncates every piece of text.
const WITHOUT_HALF_ENTITY = { tidyEnd: (kept: string) => kept.replace(/&[a-z]{0,3}$/, "") };
