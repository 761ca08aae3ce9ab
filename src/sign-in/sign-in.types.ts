import { Day } from './business-day';

/** One stored sign-in: what every answer about it carries, from Redis or PostgreSQL alike. */
export interface SignInRecord {
  day: Day;
  points: number;
  streak: number;
  signedInAt: string;
}
