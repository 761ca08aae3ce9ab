import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Schema: migrations/1764700000000-users-and-sign-ins.ts. The primary key is one per user per day. */
@Entity({ name: 'sign_ins' })
export class SignInEntity {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId!: number;

  /** The business day in BUSINESS_TIME_ZONE, computed by the app: never by the database's clock. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'integer' })
  streak!: number;

  @Column({ type: 'integer' })
  points!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
