/**
 * What both chat adapters need, written once. Platform specifics (escaping, limits, payload shapes)
 * stay in each adapter; the apology and the Logger type come from the core (core/apology.ts,
 * core/logger.ts), which the console uses too.
 */
export { choiceLabel, formLabel, formOptions, formText, formTitle, isMultiline, optionTextKeys, structuredOptions, type FormText } from "./form-options.js";
export { pagingFooter, translatorFor } from "./paging.js";
export type { ButtonAction } from "./button-action.js";
export { findLogCommand, LOG_COMMAND, LOG_FROM_MESSAGE_TITLE, logFromMessagePrefill } from "./log-from-message.js";
