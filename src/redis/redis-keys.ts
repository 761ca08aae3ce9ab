import { Injectable } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';

/** Builds every Redis key of the app under the configured prefix (tests use their own prefix). */
@Injectable()
export class RedisKeys {
  readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = config.redis.keyPrefix;
  }

  key(...parts: (string | number)[]): string {
    return this.prefix + parts.join(':');
  }
}
