/** The digest kinds and their one-line descriptions (used by commands, builders and the scheduler). */
export const DIGEST_KINDS = ["followups", "overdue", "churn", "pipeline"] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

export const DIGEST_KIND_SUMMARIES: Record<DigestKind, string> = {
  followups: "customers due for contact today, overdue and later this week, by owner",
  overdue: "overdue receivables by ageing bucket, largest debtors, credit-limit breaches",
  churn: "repeat customers past their expected reorder, long-silent customers, recently lost deals",
  pipeline: "new, updated, won and lost customers of the last 7 days; signings against the previous period",
};

/** States of a digest run row (one per subscription and local date). */
export const RUN_STATES = ["claimed", "posting", "posted", "skipped", "unknown", "failed", "missed"] as const;
export type RunState = (typeof RUN_STATES)[number];
