import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { etagOf, HotEntry } from './hot-entry';

/**
 * Decides a rebuilt value's version in one atomic step. The versions hash (no expiry) keeps
 * "<version>:<content hash>" per resource: an unchanged content keeps its version (a rebuild after
 * expiry is no change for clients), a changed one, or a forced refresh, gets version + 1. The first
 * version is the current time in ms, so versions still only grow if Redis ever loses the hash.
 */
const VERSION_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local separator = string.find(current, ':', 1, true)
  local version = tonumber(string.sub(current, 1, separator - 1))
  if ARGV[4] == '0' and string.sub(current, separator + 1) == ARGV[2] then
    return version
  end
  version = version + 1
  redis.call('HSET', KEYS[1], ARGV[1], version .. ':' .. ARGV[2])
  return version
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ':' .. ARGV[2])
return tonumber(ARGV[3])
`;

interface VersionScripts {
  hotVersion(key: string, field: string, contentHash: string, seed: number, force: '0' | '1'): Promise<number>;
}

/** Hash fields of one stored entry: version, content hash, fresh-until, body, missing flag. */
type StoredFields = Partial<Record<'v' | 'h' | 'f' | 'b' | 'm', string>>;

/**
 * The second level: every hot entry as one small Redis hash `<prefix>hot:entry:<key>`. It
 * outlives its freshness by HOT_CACHE_STALE_GRACE_SECONDS, so a rebuild can serve the previous
 * value meanwhile; after that it expires by itself.
 */
@Injectable()
export class HotEntryStore {
  private readonly scripts: VersionScripts;
  private readonly versionsKey: string;
  private readonly lifetimeMs: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    config: AppConfig,
  ) {
    redis.defineCommand('hotVersion', { numberOfKeys: 1, lua: VERSION_SCRIPT });
    this.scripts = redis as unknown as VersionScripts;
    this.versionsKey = keys.key('hot', 'versions');
    this.lifetimeMs = (config.hotCache.freshSeconds + config.hotCache.staleGraceSeconds) * 1000;
  }

  entryKey(key: string): string {
    return this.keys.key('hot', 'entry', key);
  }

  lockKey(key: string): string {
    return this.keys.key('hot', 'rebuild-lock', key);
  }

  async get(key: string): Promise<HotEntry | undefined> {
    const fields: StoredFields = await this.redis.hgetall(this.entryKey(key));
    if (fields.v === undefined || fields.h === undefined || fields.f === undefined) return undefined;
    const version = Number(fields.v);

    return {
      key,
      version,
      etag: etagOf(key, version, fields.h),
      body: fields.m === '1' ? null : (fields.b ?? null),
      contentHash: fields.h,
      freshUntil: Number(fields.f),
    };
  }

  async put(entry: HotEntry): Promise<void> {
    const fields: StoredFields = { v: String(entry.version), h: entry.contentHash, f: String(entry.freshUntil) };
    if (entry.body === null) fields.m = '1';
    else fields.b = entry.body;
    const redisKey = this.entryKey(entry.key);

    // DEL first: a hash left from "missing" must not keep its flag next to a new body.
    await this.redis.multi().del(redisKey).hset(redisKey, fields).pexpire(redisKey, this.lifetimeMs).exec();
  }

  versionFor(key: string, contentHash: string, seed: number, force: boolean): Promise<number> {
    return this.scripts.hotVersion(this.versionsKey, key, contentHash, seed, force ? '1' : '0');
  }

  /** Deletes every stored entry whose key starts with `prefix` (e.g. 'product:'); returns how many. */
  async deleteAll(prefix: string): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.entryKey(prefix)}*`, 'COUNT', 500);
      if (found.length > 0) deleted += await this.redis.unlink(...found);
      cursor = next;
    } while (cursor !== '0');

    return deleted;
  }
}
