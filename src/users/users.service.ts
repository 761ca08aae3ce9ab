import { Injectable } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

import { UserRole } from './user.entity';
import { UserRecord, UsersRepository } from './users.repository';

export interface NewAccount {
  email: string;
  passwordHash: string;
  displayName?: string;
  role?: UserRole;
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async createAccount(account: NewAccount): Promise<UserRecord> {
    const email = normaliseEmail(account.email);
    const created = await this.users.insertIfEmailFree({
      email,
      passwordHash: account.passwordHash,
      role: account.role ?? 'user',
      displayName: account.displayName ?? email.split('@')[0],
    });
    if (!created) throw AppError.conflict('EMAIL_TAKEN', 'An account with this e-mail already exists');

    return created;
  }

  /** Creates the account unless one exists; used to seed the admin on every boot. */
  async ensureAccount(account: NewAccount): Promise<void> {
    const email = normaliseEmail(account.email);
    await this.users.insertIfEmailFree({
      email,
      passwordHash: account.passwordHash,
      role: account.role ?? 'user',
      displayName: account.displayName ?? email.split('@')[0],
    });
  }

  findByEmail(email: string): Promise<UserRecord | undefined> {
    return this.users.findByEmail(normaliseEmail(email));
  }
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
