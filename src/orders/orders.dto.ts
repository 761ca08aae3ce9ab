import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

import { entityId } from '@app/catalog/catalog.dto';

export const MAX_BASKET_LINES = 20;

export class PlaceOrderDto extends createZodDto(
  z.strictObject({
    lines: z
      .array(z.strictObject({ productId: entityId, quantity: z.number().int().min(1).max(999) }))
      .min(1)
      .max(MAX_BASKET_LINES),
  }),
) {}

/** Any client-chosen string (a UUID is typical); one order per user per key. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\w.:-]{1,100}$/, 'Idempotency-Key: 1 to 100 letters, digits or ._:-')
  .optional();

export class OrderParamsDto extends createZodDto(z.strictObject({ id: entityId })) {}

export class OrderListQueryDto extends createZodDto(
  z
    .strictObject({
      page: z.coerce.number().int().min(1).max(10_000).optional(),
      pageSize: z.coerce.number().int().min(1).max(100).default(40),
      cursor: z.string().min(1).max(200).optional(),
    })
    .refine((query) => query.page === undefined || query.cursor === undefined, 'give page or cursor, not both'),
) {}

const orderSchema = z.object({
  id: z.number().int(),
  status: z.enum(['created', 'paid', 'cancelled']),
  source: z.enum(['checkout', 'flash_sale']),
  totalCents: z.number().int(),
  lines: z.array(z.object({ productId: z.number().int(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

export class OrderDto extends createZodDto(orderSchema) {}

export class OrderPageDto extends createZodDto(
  z.object({
    items: z.array(orderSchema),
    page: z.number().int().optional(),
    pageSize: z.number().int(),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable(),
  }),
) {}
