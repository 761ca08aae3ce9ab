import { HttpStatus, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { AppConfig } from '@app/config/app-config';
import { AppError } from '@app/errors/app-error';
import { UserRecord } from '@app/users/users.repository';
import { UsersService } from '@app/users/users.service';

import { AccessTokenDto, LoginDto, RegisterDto } from './auth.dto';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Seeds the admin account from config; idempotent, so any number of replicas may race here. */
  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.config.auth.admin;
    await this.users.ensureAccount({
      email,
      passwordHash: await this.hasher.hash(password.reveal()),
      role: 'admin',
      displayName: 'Administrator',
    });
    this.logger.log(`admin account ${email} present`);
  }

  async register(input: RegisterDto): Promise<AccessTokenDto> {
    const user = await this.users.createAccount({
      email: input.email,
      passwordHash: await this.hasher.hash(input.password),
      displayName: input.displayName,
    });

    return this.issueToken(user);
  }

  async login(input: LoginDto): Promise<AccessTokenDto> {
    const user = await this.users.findByEmail(input.email);
    const hash = user?.passwordHash ?? (await this.getDecoyHash());
    const passwordMatches = await this.hasher.verify(hash, input.password);
    if (!user || !passwordMatches) throw new AppError('INVALID_CREDENTIALS', HttpStatus.UNAUTHORIZED, 'E-mail or password is wrong');

    return this.issueToken(user);
  }

  issueToken(user: Pick<UserRecord, 'id' | 'email' | 'role' | 'displayName'>): AccessTokenDto {
    const accessToken = this.jwt.sign({ sub: String(user.id), role: user.role });

    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.auth.tokenTtlSeconds,
      user: { id: user.id, email: user.email, role: user.role, displayName: user.displayName },
    };
  }

  private getDecoyHash(): Promise<string> {
    this.decoyHash ??= this.hasher.hash('decoy-password-never-matches');

    return this.decoyHash;
  }
}
