import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

/**
 * A packet's live state; every key of packet P carries the hash tag {P}:
 *
 *   rp:{P}           hash  state (live|closed), expires (epoch ms), refund (set when closed)
 *   rp:{P}:shares    list  the amounts not yet grabbed, in cents
 *   rp:{P}:grabbed   hash  user id -> amount grabbed
 *   rp:{P}:intake    list  "<user id>:<amount>" for the worker to record (see ListPump)
 *   rp:{P}:inflight  list  entries being moved into BullMQ
 *   rp:pumping       set   packet ids whose intake the pump watches
 */
export type GrabOutcome = 'grabbed' | 'already_grabbed' | 'empty' | 'expired' | 'not_found';

/** At most one share per user, decided and queued in one step. */
export const GRAB_SCRIPT = `
local packet = redis.call('HMGET', KEYS[1], 'state', 'expires')
if not packet[1] then return {'not_found', 0} end
local already = redis.call('HGET', KEYS[3], ARGV[1])
if already then return {'already_grabbed', tonumber(already)} end
if packet[1] ~= 'live' or tonumber(ARGV[2]) >= tonumber(packet[2]) then return {'expired', 0} end
local amount = redis.call('LPOP', KEYS[2])
if not amount then return {'empty', 0} end
redis.call('HSET', KEYS[3], ARGV[1], amount)
redis.call('RPUSH', KEYS[4], ARGV[1] .. ':' .. amount)
return {'grabbed', tonumber(amount)}
`;

/** Pushes in chunks: Lua's unpack cannot spread thousands of values at once. */
const WARM_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for first = 2, #ARGV, 500 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, math.min(first + 499, #ARGV)))
end
redis.call('HSET', KEYS[1], 'state', 'live', 'expires', ARGV[1])
return 1
`;

/** Stops grabs and takes what is left, once; a repeat answers with the same refund. -1: unknown. */
const CLOSE_SCRIPT = `
local packet = redis.call('HMGET', KEYS[1], 'state', 'refund')
if not packet[1] then return -1 end
if packet[1] == 'closed' then return tonumber(packet[2]) end
local refund = 0
for _, amount in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do refund = refund + tonumber(amount) end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'state', 'closed', 'refund', refund)
return refund
`;

interface RedPacketScripts {
  rpGrab(packet: string, shares: string, grabbed: string, intake: string, userId: number, nowMs: number): Promise<[GrabOutcome, number]>;
  rpWarm(packet: string, shares: string, expiresMs: number, ...amounts: number[]): Promise<number>;
  rpClose(packet: string, shares: string): Promise<number>;
}

@Injectable()
export class RedPacketStore {
  private readonly scripts: RedPacketScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    redis.defineCommand('rpGrab', { numberOfKeys: 4, lua: GRAB_SCRIPT });
    redis.defineCommand('rpWarm', { numberOfKeys: 2, lua: WARM_SCRIPT });
    redis.defineCommand('rpClose', { numberOfKeys: 2, lua: CLOSE_SCRIPT });
    this.scripts = redis as unknown as RedPacketScripts;
  }

  packetKey(packetId: number | string, ...rest: string[]): string {
    return this.keys.key('rp', `{${packetId}}`, ...rest);
  }

  get registryKey(): string {
    return this.keys.key('rp', 'pumping');
  }

  async warm(packetId: number, expiresAt: Date, amounts: number[]): Promise<void> {
    await this.scripts.rpWarm(this.packetKey(packetId), this.packetKey(packetId, 'shares'), expiresAt.getTime(), ...amounts);
    await this.redis.sadd(this.registryKey, String(packetId));
  }

  async grab(packetId: number, userId: number, nowMs: number): Promise<{ outcome: GrabOutcome; amountCents: number }> {
    const [outcome, amountCents] = await this.scripts.rpGrab(
      this.packetKey(packetId),
      this.packetKey(packetId, 'shares'),
      this.packetKey(packetId, 'grabbed'),
      this.packetKey(packetId, 'intake'),
      userId,
      nowMs,
    );

    return { outcome, amountCents };
  }

  /** Cents left in the packet when it closed, or undefined if Redis does not know it. */
  async close(packetId: number): Promise<number | undefined> {
    const refund = await this.scripts.rpClose(this.packetKey(packetId), this.packetKey(packetId, 'shares'));

    return refund < 0 ? undefined : refund;
  }

  async sharesLeft(packetId: number): Promise<number> {
    return this.redis.llen(this.packetKey(packetId, 'shares'));
  }

  async isClosed(packetId: number): Promise<boolean> {
    return (await this.redis.hget(this.packetKey(packetId), 'state')) !== 'live';
  }
}

export function decodeGrab(packetId: number, entry: string): { packetId: number; userId: number; amountCents: number } {
  const [userId, amountCents] = entry.split(':').map(Number);

  return { packetId, userId, amountCents };
}
