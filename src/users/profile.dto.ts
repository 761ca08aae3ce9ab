import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

import { TodayStatusDto } from '@app/sign-in/sign-in.dto';

const text = (max: number) => z.string().trim().min(1).max(max);
/** E.164: a plus, a country code and up to 15 digits in all. */
const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. +8613800138000');

const address = z.strictObject({
  label: text(40),
  recipient: text(80),
  phone,
  line1: text(200),
  line2: z.string().trim().max(200).default(''),
  city: text(100),
  region: z.string().trim().max(100).default(''),
  postalCode: z.string().trim().max(20).default(''),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CN'),
  isDefault: z.boolean().default(false),
});

export const MAX_ADDRESSES = 10;

export class UpdateProfileDto extends createZodDto(
  z
    .strictObject({
      displayName: text(40).optional(),
      avatarUrl: z.url({ protocol: /^https$/ }).max(500).nullable().optional(),
      phone: phone.nullable().optional(),
      addresses: z
        .array(address)
        .max(MAX_ADDRESSES)
        .refine((list) => list.filter((entry) => entry.isDefault).length <= 1, 'at most one default address')
        .optional(),
    })
    .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'nothing to change'),
) {}

export class ProfileDto extends createZodDto(
  z.object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    phone: z.string().nullable(),
    addresses: z.array(address),
    pointsBalance: z.number().int(),
    walletBalanceCents: z.number().int(),
    level: z.object({ rank: z.number().int(), name: z.string(), pointsToNext: z.number().int().nullable() }),
    signIn: TodayStatusDto.schema,
  }),
) {}
