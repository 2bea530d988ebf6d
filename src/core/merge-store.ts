/** Merging and archiving duplicate customers: what `merge` and `archive` need from storage (src/data/merge-queries.ts). */

/** The rows a merge moved, by table, so that undo moves exactly these back. */
export type MergeMoves = {
  contacts: number[];
  interactions: number[];
  tasks: number[];
  quotes: number[];
  orders: number[];
  invoices: number[];
  payments: number[];
  writeOffs: number[];
};

export const MERGE_TABLES = ["contacts", "interactions", "tasks", "quotes", "orders", "invoices", "payments", "writeOffs"] as const satisfies readonly (keyof MergeMoves)[];

export type MergeResult = {
  moves: MergeMoves;
  /** The kept customer's aliases before the merge (undo puts them back). */
  previousAliases: string[];
  /** Contacts of the duplicate that were primary and lost that flag (the kept customer keeps its own primary). */
  demotedPrimaryIds: number[];
};

export type MergeQueries = {
  /**
   * Moves the duplicate's rows to the kept customer, adds the duplicate's name and aliases to the
   * kept one's aliases, marks the duplicate merged and archived, and re-derives purchase figures and
   * search keys of both.
   */
  merge(input: { duplicateId: number; keepId: number; at: Date }): Promise<MergeResult>;
  /** Reverses one merge: moves the listed rows back and restores both customers. */
  unmerge(input: { duplicateId: number; keepId: number } & MergeResult): Promise<void>;
  /** Archives (a date) or restores (null) a customer; merged customers stay merged. */
  setArchived(id: number, at: Date | null): Promise<void>;
  /** Archived customers whose name or an alias contains the text (search leaves them out), newest first. */
  findArchived(text: string, limit: number): Promise<{ id: number; name: string; city: string | null }[]>;
};
