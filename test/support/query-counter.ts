import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface QueryCounter {
  /** The SQL of every statement sent since the counter started (every app in this process). */
  readonly statements: string[];
  count(pattern?: RegExp): number;
  stop(): void;
}

/**
 * Records every statement that reaches PostgreSQL through TypeORM, from any app instance in the
 * test process: a real count of database round trips, with the queries still running unchanged.
 */
export function countQueries(): QueryCounter {
  const statements: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest
    .spyOn(PostgresQueryRunner.prototype, 'query')
    .mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<PostgresQueryRunner['query']>) {
      statements.push(args[0]);
      return original.apply(this, args);
    });

  return {
    statements,
    count: (pattern) => (pattern ? statements.filter((sql) => pattern.test(sql)).length : statements.length),
    stop: () => spy.mockRestore(),
  };
}
