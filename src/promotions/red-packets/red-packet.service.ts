import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';

import { Clock } from '@app/common/clock';
import { QueueNames } from '@app/queue/queue-names';
import { ProfileService } from '@app/users/profile.service';

import { RedPacketStore } from './red-packet-store';
import { RedPacketErrors } from './red-packet.errors';
import { RedPacket, RedPacketRepository } from './red-packet.repository';
import { splitShares } from './split-shares';

export const RECORD_GRAB_JOB = 'record-grab';
export const EXPIRE_PACKET_JOB = 'expire-packet';

export interface RedPacketView {
  id: number;
  creatorId: number;
  totalCents: number;
  shares: number;
  sharesLeft: number;
  expiresAt: string;
  status: 'active' | 'expired';
  refundedCents: number | null;
}

export interface NewRedPacket {
  totalCents: number;
  shares: number;
  expiresInSeconds: number;
}

@Injectable()
export class RedPacketService {
  constructor(
    private readonly packets: RedPacketRepository,
    private readonly store: RedPacketStore,
    private readonly clock: Clock,
    @InjectQueue(QueueNames.redPackets) private readonly queue: Queue,
    // The profile shows the wallet balance: every change to it drops the cached profile.
    private readonly profiles: ProfileService,
  ) {}

  /** Paid from the creator's wallet; split into shares at once; refunded, what is left, at expiry. */
  async create(creatorId: number, input: NewRedPacket): Promise<RedPacketView> {
    const expiresAt = new Date(this.clock.now().getTime() + input.expiresInSeconds * 1000);
    const amounts = splitShares(input.totalCents, input.shares);

    const packet = await this.packets.insertPaid(creatorId, input.totalCents, input.shares, expiresAt);
    if (!packet) throw RedPacketErrors.insufficientBalance(input.totalCents);
    await this.profiles.invalidate(creatorId);

    await this.store.warm(packet.id, expiresAt, amounts);
    await this.queue.add(EXPIRE_PACKET_JOB, { packetId: packet.id }, { jobId: `expire-${packet.id}`, delay: input.expiresInSeconds * 1000 });

    return toView(packet, amounts.length);
  }

  /** The hot path: one Lua call; the worker records the grab and credits the wallet afterwards. */
  async grab(packetId: number, userId: number): Promise<{ amountCents: number }> {
    const { outcome, amountCents } = await this.store.grab(packetId, userId, this.clock.now().getTime());
    switch (outcome) {
      case 'grabbed':
        return { amountCents };
      case 'already_grabbed':
        throw RedPacketErrors.alreadyGrabbed(amountCents);
      case 'empty':
        throw RedPacketErrors.empty();
      case 'expired':
        throw RedPacketErrors.expired();
      case 'not_found':
        throw RedPacketErrors.notFound(packetId);
    }
  }

  async view(packetId: number): Promise<RedPacketView> {
    const packet = await this.packets.findById(packetId);
    if (!packet) throw RedPacketErrors.notFound(packetId);

    return toView(packet, await this.store.sharesLeft(packetId));
  }

  /**
   * The expiry job: Redis closes the packet and hands over what is left, then PostgreSQL refunds the
   * creator, once. A packet Redis never knew (its warm-up failed) refunds everything not recorded.
   */
  async expire(packetId: number): Promise<void> {
    const packet = await this.packets.findById(packetId);
    if (!packet || packet.status === 'expired') return;

    const left = await this.store.close(packetId);
    const refund = left ?? packet.totalCents - (await this.packets.recordedCents(packetId));
    if (await this.packets.expire(packetId, refund)) await this.profiles.invalidate(packet.creatorId);
  }

  async recordGrab(packetId: number, userId: number, amountCents: number): Promise<void> {
    if (await this.packets.recordGrab(packetId, userId, amountCents)) await this.profiles.invalidate(userId);
  }
}

function toView(packet: RedPacket, sharesLeft: number): RedPacketView {
  return {
    id: packet.id,
    creatorId: packet.creatorId,
    totalCents: packet.totalCents,
    shares: packet.shares,
    sharesLeft,
    expiresAt: packet.expiresAt.toISOString(),
    status: packet.status,
    refundedCents: packet.refundedCents,
  };
}
