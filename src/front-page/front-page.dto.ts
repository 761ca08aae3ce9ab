import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class VersionQueryDto extends createZodDto(
  z.strictObject({
    v: z
      .string()
      .regex(/^\d+$/, 'the version the client holds, as in the manifest')
      .optional()
      .describe('The version the client holds (for clients that cannot send If-None-Match): the current one gives 304'),
  }),
) {}

export class ProductIdParamDto extends createZodDto(z.strictObject({ id: z.coerce.number().int().positive() })) {}
