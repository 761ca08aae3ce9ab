import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { AttemptOutcome, FlashSale, TicketEntry, TicketState } from './flash-sale.types';

/**
 * A published sale's live state in Redis. Every key of sale S carries the hash tag {S}, so each
 * script touches one Redis Cluster slot:
 *
 *   fs:{S}            hash   state (live|closed), stock, starts, ends (epoch ms), limit, returned
 *   fs:{S}:buyers     hash   user id -> units accepted for the user
 *   fs:{S}:pending    hash   ticket id -> user id, for every accepted ticket without a stored order
 *   fs:{S}:intake     list   "<ticket id>:<user id>" pushed by the attempt script, drained by the pump
 *   fs:{S}:inflight   list   entries the pump is moving into BullMQ (see ListPump)
 *   fs:{S}:ticket:<t> hash   user, state (pending|confirmed|failed), order, reason; expires
 *   fs:{S}:restocked  set    order ids whose unit already went back to the stock (cancel is retried)
 *   fs:pumping        set    sale ids whose intake the pump watches
 */
export const ATTEMPT_SCRIPT = `
local sale = redis.call('HMGET', KEYS[1], 'state', 'starts', 'ends', 'limit', 'stock')
if not sale[1] then return 'not_found' end
local now = tonumber(ARGV[3])
if sale[1] ~= 'live' or now >= tonumber(sale[3]) then return 'ended' end
if now < tonumber(sale[2]) then return 'not_started' end
local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if bought >= tonumber(sale[4]) then return 'already_bought' end
if tonumber(sale[5]) <= 0 then return 'sold_out' end
redis.call('HINCRBY', KEYS[1], 'stock', -1)
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('RPUSH', KEYS[4], ARGV[2] .. ':' .. ARGV[1])
redis.call('HSET', KEYS[5], 'user', ARGV[1], 'state', 'pending')
redis.call('EXPIRE', KEYS[5], ARGV[4])
return 'accepted'
`;

/** Publishing twice (a retry after a Redis failure) must not reset a stock that is being sold. */
const WARM_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'starts', ARGV[2], 'ends', ARGV[3], 'limit', ARGV[4])
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'live', 'stock', ARGV[1], 'starts', ARGV[2], 'ends', ARGV[3], 'limit', ARGV[4])
return 1
`;

const CONFIRM_SCRIPT = `
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'user', ARGV[2], 'state', 'confirmed', 'order', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
`;

/**
 * A ticket that could never become an order releases its unit, once: back into the live sale
 * (with the user's quota), answering 1; or, if the sale is closed, answering 2 (the caller gives the
 * unit to the product). 0: the ticket was not pending.
 */
const FAIL_SCRIPT = `
local outcome = 0
if redis.call('HDEL', KEYS[3], ARGV[1]) == 1 then
  outcome = 2
  if redis.call('HGET', KEYS[1], 'state') == 'live' then
    redis.call('HINCRBY', KEYS[1], 'stock', 1)
    redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
    outcome = 1
  end
end
redis.call('HSET', KEYS[4], 'user', ARGV[2], 'state', 'failed', 'reason', ARGV[3])
redis.call('EXPIRE', KEYS[4], ARGV[4])
return outcome
`;

/** The unit of a cancelled order goes back to the sale and the user may buy again; once per order. */
const RESTOCK_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('SADD', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'stock', 1)
if tonumber(redis.call('HINCRBY', KEYS[2], ARGV[2], -1)) < 0 then redis.call('HSET', KEYS[2], ARGV[2], 0) end
return 1
`;

const ADD_STOCK_SCRIPT = `
if redis.call('HGET', KEYS[1], 'state') ~= 'live' then return 0 end
redis.call('HINCRBY', KEYS[1], 'stock', ARGV[1])
return 1
`;

/**
 * Stops the sale and takes its unsold units in one step; a repeat answers with the same count, so
 * a retried close gives the same number of units back to the product. -1: the sale is not in Redis.
 */
const CLOSE_SCRIPT = `
local sale = redis.call('HMGET', KEYS[1], 'state', 'stock', 'returned')
if not sale[1] then return -1 end
if sale[1] == 'closed' then return tonumber(sale[3]) end
redis.call('HSET', KEYS[1], 'state', 'closed', 'stock', 0, 'returned', sale[2])
return tonumber(sale[2])
`;

/** Reconciliation's repair: shifts the stock by a delta (attempts running meanwhile are unaffected). */
const SHIFT_STOCK_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local stock = tonumber(redis.call('HINCRBY', KEYS[1], 'stock', ARGV[1]))
if stock < 0 then redis.call('HSET', KEYS[1], 'stock', 0) return 0 end
return stock
`;

interface FlashSaleScripts {
  fsAttempt(sale: string, buyers: string, pending: string, intake: string, ticket: string, userId: number, ticketId: string, nowMs: number, ttl: number): Promise<AttemptOutcome>;
  fsWarm(sale: string, stock: number, startsMs: number, endsMs: number, limit: number): Promise<number>;
  fsConfirm(pending: string, ticket: string, ticketId: string, userId: number, orderId: number, ttl: number): Promise<number>;
  fsFail(sale: string, buyers: string, pending: string, ticket: string, ticketId: string, userId: number, reason: string, ttl: number): Promise<number>;
  fsRestock(sale: string, buyers: string, restocked: string, orderId: number, userId: number): Promise<number>;
  fsAddStock(sale: string, quantity: number): Promise<number>;
  fsClose(sale: string): Promise<number>;
  fsShiftStock(sale: string, delta: number): Promise<number>;
}

export interface LiveSaleState {
  state: 'live' | 'closed';
  stock: number;
  pendingTickets: Map<string, number>;
  queuedEntries: string[];
}

@Injectable()
export class FlashSaleStore {
  private readonly scripts: FlashSaleScripts;
  private readonly ticketTtl: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    config: AppConfig,
  ) {
    this.ticketTtl = config.flashSale.ticketTtlSeconds;
    redis.defineCommand('fsAttempt', { numberOfKeys: 5, lua: ATTEMPT_SCRIPT });
    redis.defineCommand('fsWarm', { numberOfKeys: 1, lua: WARM_SCRIPT });
    redis.defineCommand('fsConfirm', { numberOfKeys: 2, lua: CONFIRM_SCRIPT });
    redis.defineCommand('fsFail', { numberOfKeys: 4, lua: FAIL_SCRIPT });
    redis.defineCommand('fsRestock', { numberOfKeys: 3, lua: RESTOCK_SCRIPT });
    redis.defineCommand('fsAddStock', { numberOfKeys: 1, lua: ADD_STOCK_SCRIPT });
    redis.defineCommand('fsClose', { numberOfKeys: 1, lua: CLOSE_SCRIPT });
    redis.defineCommand('fsShiftStock', { numberOfKeys: 1, lua: SHIFT_STOCK_SCRIPT });
    this.scripts = redis as unknown as FlashSaleScripts;
  }

  saleKey(saleId: number | string, ...rest: string[]): string {
    return this.keys.key('fs', `{${saleId}}`, ...rest);
  }

  get registryKey(): string {
    return this.keys.key('fs', 'pumping');
  }

  /** The whole hot path: one round trip, no database. */
  attempt(saleId: number, userId: number, ticketId: string, nowMs: number): Promise<AttemptOutcome> {
    return this.scripts.fsAttempt(
      this.saleKey(saleId),
      this.saleKey(saleId, 'buyers'),
      this.saleKey(saleId, 'pending'),
      this.saleKey(saleId, 'intake'),
      this.saleKey(saleId, 'ticket', ticketId),
      userId,
      ticketId,
      nowMs,
      this.ticketTtl,
    );
  }

  async warm(sale: FlashSale): Promise<void> {
    await this.scripts.fsWarm(this.saleKey(sale.id), sale.stockRemaining, sale.startsAt.getTime(), sale.endsAt.getTime(), sale.perUserLimit);
    await this.redis.sadd(this.registryKey, String(sale.id));
  }

  async confirm(tickets: { entry: TicketEntry; orderId: number }[]): Promise<void> {
    const pipeline = this.redis.pipeline() as unknown as FlashSaleScripts & { exec(): Promise<[Error | null, unknown][] | null> };
    for (const { entry, orderId } of tickets) {
      void pipeline.fsConfirm(
        this.saleKey(entry.saleId, 'pending'),
        this.saleKey(entry.saleId, 'ticket', entry.ticketId),
        entry.ticketId,
        entry.userId,
        orderId,
        this.ticketTtl,
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failure = results.find(([error]) => error !== null);
    if (failure?.[0]) throw failure[0];
  }

  /** Where the failed ticket's unit went: to the live sale, nowhere yet (closed sale), or nothing to do. */
  async fail(entry: TicketEntry, reason: string): Promise<'sale' | 'closed-sale' | 'none'> {
    const { saleId } = entry;
    const released = await this.scripts.fsFail(
      this.saleKey(saleId),
      this.saleKey(saleId, 'buyers'),
      this.saleKey(saleId, 'pending'),
      this.saleKey(saleId, 'ticket', entry.ticketId),
      entry.ticketId,
      entry.userId,
      reason,
      this.ticketTtl,
    );

    return released === 1 ? 'sale' : released === 2 ? 'closed-sale' : 'none';
  }

  async restock(saleId: number, orderId: number, userId: number): Promise<void> {
    await this.scripts.fsRestock(this.saleKey(saleId), this.saleKey(saleId, 'buyers'), this.saleKey(saleId, 'restocked'), orderId, userId);
  }

  async addStock(saleId: number, quantity: number): Promise<boolean> {
    return (await this.scripts.fsAddStock(this.saleKey(saleId), quantity)) === 1;
  }

  /** Units taken off the sale by closing it, or undefined if Redis does not know the sale. */
  async close(saleId: number): Promise<number | undefined> {
    const unsold = await this.scripts.fsClose(this.saleKey(saleId));

    return unsold < 0 ? undefined : unsold;
  }

  async shiftStock(saleId: number, delta: number): Promise<void> {
    await this.scripts.fsShiftStock(this.saleKey(saleId), delta);
  }

  async ticket(saleId: number, ticketId: string): Promise<{ userId: number; state: TicketState } | undefined> {
    const fields = await this.redis.hgetall(this.saleKey(saleId, 'ticket', ticketId));
    if (!fields.user) return undefined;
    const userId = Number(fields.user);
    if (fields.state === 'confirmed') return { userId, state: { status: 'confirmed', orderId: Number(fields.order) } };
    if (fields.state === 'failed') return { userId, state: { status: 'failed', reason: fields.reason ?? 'unknown' } };

    return { userId, state: { status: 'pending' } };
  }

  /** One atomic snapshot of the sale's Redis side, for reconciliation. */
  async liveState(saleId: number): Promise<LiveSaleState | undefined> {
    const results = await this.redis
      .multi()
      .hmget(this.saleKey(saleId), 'state', 'stock')
      .hgetall(this.saleKey(saleId, 'pending'))
      .lrange(this.saleKey(saleId, 'intake'), 0, -1)
      .lrange(this.saleKey(saleId, 'inflight'), 0, -1)
      .exec();
    const failure = results?.find(([error]) => error !== null);
    if (!results || failure?.[0]) throw failure?.[0] ?? new Error('Redis transaction aborted');
    const [sale, pending, intake, inFlight] = results.map(([, value]) => value) as [
      (string | null)[],
      Record<string, string>,
      string[],
      string[],
    ];
    if (!sale[0]) return undefined;

    return {
      state: sale[0] === 'closed' ? 'closed' : 'live',
      stock: Number(sale[1]),
      pendingTickets: new Map(Object.entries(pending).map(([ticketId, userId]) => [ticketId, Number(userId)])),
      queuedEntries: [...intake, ...inFlight],
    };
  }

  async stockLeft(saleId: number): Promise<number | undefined> {
    const stock = await this.redis.hget(this.saleKey(saleId), 'stock');

    return stock === null ? undefined : Number(stock);
  }

  /** Puts a ticket that lost its queue entry back into the intake list. */
  async requeue(entry: TicketEntry): Promise<void> {
    await this.redis.rpush(this.saleKey(entry.saleId, 'intake'), encodeEntry(entry));
    await this.redis.sadd(this.registryKey, String(entry.saleId));
  }

  async isClosed(saleId: number): Promise<boolean> {
    const state = await this.redis.hget(this.saleKey(saleId), 'state');

    return state !== 'live';
  }
}

export function encodeEntry(entry: Pick<TicketEntry, 'ticketId' | 'userId'>): string {
  return `${entry.ticketId}:${entry.userId}`;
}

export function decodeEntry(saleId: number, entry: string): TicketEntry {
  const [ticketId, userId] = entry.split(':');

  return { ticketId, saleId, userId: Number(userId) };
}
