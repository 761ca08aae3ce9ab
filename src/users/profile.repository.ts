import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { ProfileChanges, ProfileCore } from './profile.types';

@Injectable()
export class ProfileRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The account, its addresses and its latest sign-in day, in one statement (one snapshot). */
  async findCore(userId: number): Promise<ProfileCore | undefined> {
    const rows: ProfileCore[] = await this.db.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.avatar_url AS "avatarUrl", u.phone,
              u.points_balance AS "pointsBalance", u.wallet_balance_cents AS "walletBalanceCents",
              (SELECT max(s.day) FROM sign_ins s WHERE s.user_id = u.id) AS "lastSignInDay",
              coalesce((
                SELECT json_agg(json_build_object(
                         'label', a.label, 'recipient', a.recipient, 'phone', a.phone, 'line1', a.line1,
                         'line2', a.line2, 'city', a.city, 'region', a.region, 'postalCode', a.postal_code,
                         'country', a.country, 'isDefault', a.is_default) ORDER BY a.position)
                FROM user_addresses a WHERE a.user_id = u.id), '[]') AS addresses
       FROM users u WHERE u.id = $1`,
      [userId],
    );

    return rows[0];
  }

  /** Returns false if the account does not exist. The address list is replaced as a whole. */
  async update(userId: number, changes: ProfileChanges): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // The row lock serialises concurrent updates of one user, so two address replacements cannot interleave.
      const locked: unknown[] = await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      if (locked.length === 0) return false;

      const assignments: string[] = [];
      const values: unknown[] = [userId];
      for (const [column, value] of [
        ['display_name', changes.displayName],
        ['avatar_url', changes.avatarUrl],
        ['phone', changes.phone],
      ] as const) {
        if (value === undefined) continue;
        values.push(value);
        assignments.push(`${column} = $${values.length}`);
      }
      if (assignments.length > 0) await tx.query(`UPDATE users SET ${assignments.join(', ')} WHERE id = $1`, values);

      if (changes.addresses) {
        await tx.query('DELETE FROM user_addresses WHERE user_id = $1', [userId]);
        await tx.query(
          `INSERT INTO user_addresses
             (user_id, position, label, recipient, phone, line1, line2, city, region, postal_code, country, is_default)
           SELECT $1, a.position - 1, a.label, a.recipient, a.phone, a.line1, a.line2, a.city, a.region,
                  a."postalCode", a.country, a."isDefault"
           FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (
                  label text, recipient text, phone text, line1 text, line2 text, city text, region text,
                  "postalCode" text, country text, "isDefault" boolean))
                WITH ORDINALITY AS a(label, recipient, phone, line1, line2, city, region, "postalCode", country,
                                     "isDefault", position)`,
          [userId, JSON.stringify(changes.addresses)],
        );
      }

      return true;
    });
  }
}
