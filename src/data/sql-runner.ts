/**
 * Plain SQL on one connection, for bulk work inside `Database.transaction` (imports). Bulk writes
 * send a few large array parameters per statement; through the ORM each of them also passes the
 * query compiler and its parameter serialisation, which cost as much CPU as building the rows.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};
