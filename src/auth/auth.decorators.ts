import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { UserRole } from '@app/users/user.entity';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

/** Every route needs a valid token unless marked public. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const RequireRole = (role: UserRole) => SetMetadata(REQUIRED_ROLE, role);

export interface AuthenticatedUser {
  id: number;
  role: UserRole;
}

export type AuthenticatedRequest = FastifyRequest & { user: AuthenticatedUser };

/** The caller, as proven by the access token: user-scoped endpoints act only for this user. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
