import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const entityId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export class ProductParamsDto extends createZodDto(z.strictObject({ id: entityId })) {}

export class CategoryParamsDto extends createZodDto(z.strictObject({ id: entityId })) {}

export class CategoryPageQueryDto extends createZodDto(
  z.strictObject({
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
) {}

export class ProductDto extends createZodDto(
  z.object({
    id: z.number().int(),
    categoryId: z.number().int(),
    name: z.string(),
    description: z.string(),
    priceCents: z.number().int(),
    stock: z.number().int(),
    images: z.array(z.string()),
    onSale: z.boolean(),
  }),
) {}

export class CategoryDto extends createZodDto(
  z.object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    name: z.string(),
    slug: z.string(),
    position: z.number().int(),
  }),
) {}

export class CategoryPageDto extends createZodDto(
  z.object({
    categoryId: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        priceCents: z.number().int(),
        image: z.string().nullable(),
        inStock: z.boolean(),
      }),
    ),
    hasMore: z.boolean(),
  }),
) {}
