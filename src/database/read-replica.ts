import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { isDependencyFailure } from '@app/errors/error-response';

/**
 * Reads that may be a little stale. Repositories choose per query:
 * - `this.db.query(...)` (the DataSource) goes to the primary: every write, every read inside a
 *   transaction, and any read that must see what the same user just wrote.
 * - `this.replica.query(...)` goes to a read replica (TypeORM picks one at random), which lags
 *   the primary by up to a second or so: lists, catalog pages, history. Without
 *   DATABASE_REPLICA_URLS it goes to the primary too, so the code is the same in every setup.
 * A replica that cannot be reached costs the read nothing: it runs on the primary instead.
 */
@Injectable()
export class ReadReplica {
  private readonly logger = new Logger(ReadReplica.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    try {
      return await this.onReplica<Row>(sql, parameters);
    } catch (error) {
      if (!isDependencyFailure(error)) throw error;
      this.logger.warn(`read replica unavailable, reading from the primary: ${error instanceof Error ? error.message : String(error)}`);

      return this.db.query<Row[]>(sql, parameters);
    }
  }

  private async onReplica<Row>(sql: string, parameters: unknown[]): Promise<Row[]> {
    const runner = this.db.createQueryRunner('slave');
    try {
      return (await runner.query(sql, parameters)) as Row[];
    } finally {
      await runner.release();
    }
  }
}
