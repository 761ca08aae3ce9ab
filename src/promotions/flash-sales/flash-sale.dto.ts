import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const count = (max: number) => z.number().int().min(1).max(max);

export class CreateFlashSaleDto extends createZodDto(
  z
    .strictObject({
      productId: z.number().int().min(1),
      priceCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      stock: count(1_000_000),
      perUserLimit: count(1000).default(1),
      startsAt: instant,
      endsAt: instant,
    })
    .refine((sale) => sale.endsAt > sale.startsAt, { path: ['endsAt'], message: 'must be after startsAt' }),
) {}

export class AddStockDto extends createZodDto(z.strictObject({ quantity: count(1_000_000) })) {}

export class ReconcileDto extends createZodDto(
  z.strictObject({ repair: z.boolean().default(false).describe('also correct the drift found') }),
) {}
