import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { ReadReplica } from '@app/database/read-replica';

import { Day } from './business-day';
import { SignInRecord } from './sign-in.types';

interface SignInRow {
  day: Day;
  points: number;
  streak: number;
  signedInAt: Date;
}

const RECORD_COLUMNS = 'day, points, streak, created_at AS "signedInAt"';

@Injectable()
export class SignInRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * Stores the day's sign-in and credits its points in one statement, or does nothing if the
   * user already signed in that day. The primary key (user_id, day) is the final guard: a
   * concurrent duplicate waits for the first insert to commit, then inserts nothing.
   */
  async insertOnce(userId: number, day: Day, streak: number, points: number): Promise<SignInRecord | undefined> {
    const rows: SignInRow[] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO sign_ins (user_id, day, streak, points)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, day) DO NOTHING
         RETURNING user_id, ${RECORD_COLUMNS}
       ), credited AS (
         UPDATE users SET points_balance = points_balance + inserted.points
         FROM inserted WHERE users.id = inserted.user_id
       )
       SELECT day, points, streak, "signedInAt" FROM inserted`,
      [userId, day, streak, points],
    );

    return rows[0] && toRecord(rows[0]);
  }

  async findOn(userId: number, day: Day): Promise<SignInRecord | undefined> {
    const rows: SignInRow[] = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM sign_ins WHERE user_id = $1 AND day = $2`,
      [userId, day],
    );

    return rows[0] && toRecord(rows[0]);
  }

  /** The streak that a sign-in on `day` continued, or 0 if the user did not sign in that day. */
  async streakOn(userId: number, day: Day): Promise<number> {
    const rows: { streak: number }[] = await this.db.query(
      'SELECT streak FROM sign_ins WHERE user_id = $1 AND day = $2',
      [userId, day],
    );

    return rows[0]?.streak ?? 0;
  }

  /** From a read replica: may miss a sign-in stored a moment ago (the service adds today's). */
  async findBetweenStale(userId: number, first: Day, last: Day): Promise<SignInRecord[]> {
    const rows = await this.replica.query<SignInRow>(
      `SELECT ${RECORD_COLUMNS} FROM sign_ins WHERE user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
      [userId, first, last],
    );

    return rows.map(toRecord);
  }
}

function toRecord(row: SignInRow): SignInRecord {
  return { day: row.day, points: row.points, streak: row.streak, signedInAt: row.signedInAt.toISOString() };
}
