import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class VersionQueryDto extends createZodDto(
  z.strictObject({
    v: z
      .string()
      .regex(/^\d+$/, 'the version the client holds, as in the manifest')
      .optional()
      .describe('The version the client already holds: the same version answers 304 (for clients that cannot send If-None-Match)'),
  }),
) {}

export class ProductIdParamDto extends createZodDto(z.strictObject({ id: z.coerce.number().int().positive() })) {}
