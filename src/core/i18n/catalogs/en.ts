/**
 * The English catalog. It defines the key set: every other catalog is typed
 * `Record<MessageKey, string>`, so a key missing there fails `tsc`, and catalogs.test.ts checks that
 * each translation parses as ICU MessageFormat and uses the same placeholders as this one.
 *
 * Messages are ICU MessageFormat: `{name}` placeholders, `{count, plural, ...}`, `{x, select, ...}`.
 * An apostrophe quotes syntax in ICU, so English text avoids contractions ("do not", not "don't").
 */
export const en = {
  // Buttons: short, verb first.
  "button.show": "Show",
  "button.logCall": "Log call",
  "button.undo": "Undo",
  "button.shareInChannel": "Share in channel",
  "button.nextPage": "Next page",
  "button.previousPage": "Previous page",
  "button.setFollowUp": "Set follow-up",
  "button.orders": "Orders",

  // Errors: say what happened and what to do next, with an example the reader can copy.
  "error.unknownCommand": "I do not know the command \"{command}\". Did you mean \"{suggestion}\"?",
  "error.unknownCommandNoSuggestion": "I do not know the command \"{command}\". Type \"help\" to see what I can do.",
  "error.missingArgument": "Please add the {argument}. For example: {example}",
  "error.unreadableDate": "I could not read \"{phrase}\" as a date. Try, for example: {example}",
  "error.unknownCustomer": "No customer matches \"{query}\". Search with: {example}",
  "error.busy": "Rapport is busy right now. Please try again in a moment.",
  "error.apology": "Sorry, something went wrong on our side. If it keeps happening, mention error id {errorId}.",
  "error.permissionDenied": "You do not have permission to do this.",
  "error.permissionDeniedRole":
    "Only {role, select, admin {an admin} manager {a manager or an admin} other {the customer owner, a manager or an admin}} can do this.",

  // Headings and counts.
  "heading.customersMatching": "Customers matching \"{query}\"",
  "heading.overdueReceivables": "Overdue receivables",
  "heading.followUps": "Follow-ups",
  "count.customers": "{count, plural, one {# customer} other {# customers}}",
  "count.overdueInvoices": "{count, plural, one {# overdue invoice} other {# overdue invoices}}",
  "count.followUpsDue": "{count, plural, =0 {Nothing due. All clear.} one {# customer due for contact} other {# customers due for contact}}",
  "paging.pageOf": "Page {page} of {pages}",
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
