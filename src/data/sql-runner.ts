/**
 * Plain SQL on one connection, for bulk work inside `Database.transaction` (imports). Bulk writes
 * send a few large array parameters per statement; through the ORM each of them also passes the
 * query compiler and its parameter serialisation, which cost as much CPU as building the rows.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

/** Plain SQL outside a transaction (Database.read), for hot reads. */
export type SqlReader = (<T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>) & {
  /**
   * Runs `work` with all its reads on one pooled connection, taken once (PostgreSQL only). Under
   * load every read waits its turn for a connection, so a lookup of three reads would wait three
   * times as long as one of one read.
   */
  together?: <T>(work: (read: SqlReader) => Promise<T>) => Promise<T>;
};
