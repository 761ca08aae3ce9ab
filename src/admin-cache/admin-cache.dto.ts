import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const id = z.number().int().positive();

const SCOPES = ['product', 'front-page', 'catalog', 'user', 'all'] as const;

export type RefreshRequest =
  | { scope: 'product'; productId: number }
  | { scope: 'front-page' | 'catalog' | 'all' }
  | { scope: 'user'; userId: number };

/** One flat object (an OpenAPI-friendly DTO); the id a scope needs is required, any other refused. */
const refreshBody = z
  .strictObject({
    scope: z.enum(SCOPES).describe('product: one product (and the front page); user: one user\'s cached data'),
    productId: id.optional().describe('Required for scope product'),
    userId: id.optional().describe('Required for scope user'),
  })
  .superRefine((body, context) => {
    const needs = { product: 'productId', user: 'userId' } as const;
    for (const field of ['productId', 'userId'] as const) {
      const required = needs[body.scope as keyof typeof needs] === field;
      const given = body[field] !== undefined;
      if (required !== given) {
        const message = required ? `required for scope ${body.scope}` : `not allowed for scope ${body.scope}`;
        context.addIssue({ code: 'custom', path: [field], message });
      }
    }
  });

export class RefreshRequestDto extends createZodDto(refreshBody) {}

/** The validated body as the union it is. */
export function toRefreshRequest(body: RefreshRequestDto): RefreshRequest {
  switch (body.scope) {
    case 'product':
      return { scope: 'product', productId: body.productId as number };
    case 'user':
      return { scope: 'user', userId: body.userId as number };
    case 'front-page':
    case 'catalog':
    case 'all':
      return { scope: body.scope };
  }
}

export class RefreshResultDto extends createZodDto(
  z.object({
    scope: z.enum(SCOPES),
    refreshed: z.array(z.string()).describe('What was reloaded: resource keys, "products (n)", "user <id>: <cache>"'),
    keys: z.number().int().describe('Redis keys rewritten'),
    staticFiles: z.number().int().describe('Static files now in place for the refreshed resources'),
    versions: z.record(z.string(), z.number().int()).describe('New version of each refreshed shared resource'),
    durationMs: z.number().int(),
    joined: z.boolean().describe('True when this request found the same scope refreshing and answers with that run'),
  }),
) {}

const banner = z.strictObject({
  title: z.string().min(1).max(200),
  imageUrl: z.url(),
  linkUrl: z.string().max(2000).default(''),
  position: z.number().int().min(0).default(0),
  active: z.boolean().default(true),
});

export class CreateBannerDto extends createZodDto(banner) {}

export class UpdateBannerDto extends createZodDto(
  z.strictObject({
    title: z.string().min(1).max(200).optional(),
    imageUrl: z.url().optional(),
    linkUrl: z.string().max(2000).optional(),
    position: z.number().int().min(0).optional(),
    active: z.boolean().optional(),
  }),
) {}

export class BannerIdParamDto extends createZodDto(z.strictObject({ id: z.coerce.number().int().positive() })) {}

export class FeaturedProductsDto extends createZodDto(
  z.strictObject({ productIds: z.array(id).max(100).refine((ids) => new Set(ids).size === ids.length, 'no duplicates') }),
) {}
