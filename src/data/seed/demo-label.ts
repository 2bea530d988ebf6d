/**
 * The mark of the demo data set: every demo customer's `source`. Kept apart from the loader so the
 * alert store can tell demo records from real ones without loading the whole data set.
 */
export const DEMO_LABEL = "DEMO";
