import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const signInRecord = z.object({
  day,
  points: z.number().int(),
  streak: z.number().int(),
  signedInAt: z.iso.datetime(),
});

export class CalendarQueryDto extends createZodDto(
  z.strictObject({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
      .optional(),
  }),
) {}

export class SignInOutcomeDto extends createZodDto(z.object({ signIn: signInRecord, created: z.boolean() })) {}

export class TodayStatusDto extends createZodDto(
  z.object({ day, signedIn: z.boolean(), signIn: signInRecord.nullable(), currentStreak: z.number().int() }),
) {}

export class MonthCalendarDto extends createZodDto(
  z.object({ month: z.string(), days: z.array(signInRecord), currentStreak: z.number().int() }),
) {}
