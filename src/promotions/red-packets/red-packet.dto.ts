import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const MAX_SHARES = 10_000;

export class CreateRedPacketDto extends createZodDto(
  z
    .strictObject({
      totalCents: z.number().int().min(1).max(100_000_000),
      shares: z.number().int().min(1).max(MAX_SHARES),
      expiresInSeconds: z.number().int().min(1).max(7 * 24 * 3600),
    })
    .refine((packet) => packet.shares <= packet.totalCents, { path: ['shares'], message: 'at most one share per cent' }),
) {}
