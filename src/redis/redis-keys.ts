import { Injectable } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';

/**
 * Builds every Redis key of the app under the configured prefix (tests use their own prefix).
 *
 * In a Redis Cluster a key's slot comes from its whole name, so keys spread over the nodes. Keys
 * that one Lua script or MULTI touches together must live in one slot: build them with `tagged`
 * and the same tag, e.g. tagged(`sale:${id}`, 'stock') and tagged(`sale:${id}`, 'buyers').
 */
@Injectable()
export class RedisKeys {
  readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = config.redis.keyPrefix;
  }

  key(...parts: (string | number)[]): string {
    return this.prefix + parts.join(':');
  }

  /** `<prefix>{<tag>}:<parts>`: Redis Cluster hashes only the part in braces. */
  tagged(tag: string | number, ...parts: (string | number)[]): string {
    return this.key(`{${tag}}`, ...parts);
  }
}
