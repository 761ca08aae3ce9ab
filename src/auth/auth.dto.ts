import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const email = z.email().max(254);
const password = z.string().min(8).max(128);

export class RegisterDto extends createZodDto(
  z.strictObject({
    email,
    password,
    displayName: z.string().trim().min(1).max(40).optional(),
  }),
) {}

export class LoginDto extends createZodDto(z.strictObject({ email, password: z.string().min(1).max(128) })) {}

export class AccessTokenDto extends createZodDto(
  z.object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('seconds'),
    user: z.object({ id: z.number().int(), email: z.string(), role: z.enum(['user', 'admin']), displayName: z.string() }),
  }),
) {}
