/**
 * Plain SQL on one connection, for bulk work inside `Database.transaction` (imports). Bulk writes
 * send a few large array parameters per statement; through the ORM each of them also passes the
 * query compiler and its parameter serialisation, which cost as much CPU as building the rows.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

/** Plain SQL outside a transaction (Database.read), for hot reads. */
export type SqlReader = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
