/**
 * The desk a command belongs to: "sales" (orders, receivables, deals, quotes) and "team" (reports,
 * digests, roles, hand-over); none is the customer work. Help lists one table per desk, and Discord,
 * which allows 25 subcommands and 4,000 characters per command, makes each desk a top-level command.
 */
export type CommandTopic = "sales" | "team";
