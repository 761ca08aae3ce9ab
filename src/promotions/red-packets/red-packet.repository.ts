import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RedPacket {
  id: number;
  creatorId: number;
  totalCents: number;
  shares: number;
  expiresAt: Date;
  status: 'active' | 'expired';
  refundedCents: number | null;
}

const PACKET_COLUMNS = `id, creator_id AS "creatorId", total_cents AS "totalCents", shares, expires_at AS "expiresAt",
  status, refunded_cents AS "refundedCents"`;

@Injectable()
export class RedPacketRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Debits the creator's wallet and stores the packet in one statement; undefined if the wallet is short. */
  async insertPaid(creatorId: number, totalCents: number, shares: number, expiresAt: Date): Promise<RedPacket | undefined> {
    const rows: RedPacket[] = await this.db.query(
      `WITH debited AS (
         UPDATE users SET wallet_balance_cents = wallet_balance_cents - $2
         WHERE id = $1 AND wallet_balance_cents >= $2 RETURNING id
       )
       INSERT INTO red_packets (creator_id, total_cents, shares, expires_at)
       SELECT id, $2, $3, $4 FROM debited
       RETURNING ${PACKET_COLUMNS}`,
      [creatorId, totalCents, shares, expiresAt],
    );

    return rows[0];
  }

  async findById(packetId: number): Promise<RedPacket | undefined> {
    const rows: RedPacket[] = await this.db.query(`SELECT ${PACKET_COLUMNS} FROM red_packets WHERE id = $1`, [packetId]);

    return rows[0];
  }

  /** The grab and its credit, once: the primary key (packet, user) turns a repeat into a no-op. */
  async recordGrab(packetId: number, userId: number, amountCents: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO red_packet_grabs (packet_id, user_id, amount_cents) VALUES ($1, $2, $3)
         ON CONFLICT (packet_id, user_id) DO NOTHING
         RETURNING user_id, amount_cents
       ), credited AS (
         UPDATE users SET wallet_balance_cents = wallet_balance_cents + inserted.amount_cents
         FROM inserted WHERE users.id = inserted.user_id
       )
       SELECT 1 FROM inserted`,
      [packetId, userId, amountCents],
    );

    return rows.length === 1;
  }

  async recordedCents(packetId: number): Promise<number> {
    const [row] = await this.db.query<{ cents: number }[]>(
      'SELECT coalesce(sum(amount_cents), 0)::bigint AS cents FROM red_packet_grabs WHERE packet_id = $1',
      [packetId],
    );

    return row.cents;
  }

  /** Marks the packet expired and refunds the creator, once (only the call that moves the status). */
  async expire(packetId: number, refundCents: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH expired AS (
         UPDATE red_packets SET status = 'expired', expired_at = now(), refunded_cents = $2
         WHERE id = $1 AND status = 'active' RETURNING creator_id
       ), refunded AS (
         UPDATE users SET wallet_balance_cents = wallet_balance_cents + $2 FROM expired WHERE users.id = expired.creator_id
       )
       SELECT 1 FROM expired`,
      [packetId, refundCents],
    );

    return rows.length === 1;
  }
}
