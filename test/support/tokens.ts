import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';

import { TestUser } from './factories';

/**
 * Users for an app that runs in other processes (the graceful-shutdown test, the local cluster):
 * inserted straight into PostgreSQL, with tokens signed by the shared JWT secret the way
 * AuthService signs them.
 */
export async function createUsersInDatabase(db: Pool, jwtSecret: string, count: number): Promise<TestUser[]> {
  const batch = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const { rows } = await db.query<{ id: number; email: string }>(
    `INSERT INTO users (email, password_hash, role, display_name)
     SELECT 'user' || n || '-' || $2 || '@test.local', 'unusable', 'user', 'User ' || n
     FROM generate_series(1, $1::int) AS n
     RETURNING id, email`,
    [count, batch],
  );
  const jwt = new JwtService({ secret: jwtSecret, signOptions: { expiresIn: 3600, algorithm: 'HS256' } });

  return rows.map((row) => ({
    id: Number(row.id),
    email: row.email,
    role: 'user' as const,
    token: jwt.sign({ sub: String(row.id), role: 'user' }),
  }));
}
