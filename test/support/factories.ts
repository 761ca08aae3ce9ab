import { AuthService } from '@app/auth/auth.service';
import { UserRole } from '@app/users/user.entity';

import { TestApp } from './test-app';

export interface TestUser {
  id: number;
  email: string;
  token: string;
  role: UserRole;
}

let sequence = 0;

/**
 * Inserts users straight into PostgreSQL (one statement for any number) and signs their tokens
 * with the app's own AuthService: storms of thousands of users need no thousands of argon2 hashes.
 * Their password hash matches no password; tests of login register through the API instead.
 */
export async function createUsers(testApp: TestApp, count: number, role: UserRole = 'user'): Promise<TestUser[]> {
  const batch = `${Date.now()}-${sequence++}`;
  const rows: { id: number; email: string }[] = await testApp.db.query(
    `INSERT INTO users (email, password_hash, role, display_name)
     SELECT 'user' || n || '-' || $2 || '@test.local', 'unusable', $3, 'User ' || n
     FROM generate_series(1, $1::int) AS n
     RETURNING id, email`,
    [count, batch, role],
  );
  const auth = testApp.app.get(AuthService);

  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role,
    token: auth.issueToken({ id: row.id, email: row.email, role, displayName: row.email }).accessToken,
  }));
}

export async function createUser(testApp: TestApp, role: UserRole = 'user'): Promise<TestUser> {
  const [user] = await createUsers(testApp, 1, role);
  return user;
}
