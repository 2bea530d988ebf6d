/** What is wrong with one row of an import file; the importer reports it with the row's line. */
export class RowError extends Error {
  readonly code = "bad_row";
}
