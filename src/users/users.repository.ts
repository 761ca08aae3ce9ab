import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { UserRole } from './user.entity';

export interface UserRecord {
  id: number;
  email: string;
  passwordHash: string;
  role: UserRole;
  displayName: string;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  role: UserRole;
  displayName: string;
}

const USER_COLUMNS = 'id, email, password_hash AS "passwordHash", role, display_name AS "displayName"';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Returns undefined when the e-mail is taken (the unique index decides, also under races). */
  async insertIfEmailFree(user: NewUser): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await this.db.query(
      `INSERT INTO users (email, password_hash, role, display_name)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [user.email, user.passwordHash, user.role, user.displayName],
    );

    return rows[0];
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);

    return rows[0];
  }
}
