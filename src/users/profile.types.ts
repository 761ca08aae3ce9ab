import { TodayStatus } from '@app/sign-in/sign-in.service';

import { UserLevel } from './user-level';

export interface Address {
  label: string;
  recipient: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  isDefault: boolean;
}

/** The account part of the profile: what is cached per user (JSON-safe, money as integer cents). */
export interface ProfileCore {
  id: number;
  email: string;
  displayName: string;
  avatarUrl: string | null;
  phone: string | null;
  addresses: Address[];
  pointsBalance: number;
  walletBalanceCents: number;
  /** The latest sign-in the points balance includes (same snapshot), to spot a stale cached balance. */
  lastSignInDay: string | null;
}

export interface Profile extends Omit<ProfileCore, 'lastSignInDay'> {
  level: UserLevel;
  signIn: TodayStatus;
}

export interface ProfileChanges {
  displayName?: string;
  avatarUrl?: string | null;
  phone?: string | null;
  addresses?: Address[];
}
