import { loadConfig } from '@app/config/app-config';

import { RedisKeys } from './redis-keys';

describe(RedisKeys.name, () => {
  const keys = new RedisKeys(
    loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/flashmart',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      REDIS_KEY_PREFIX: 'fm:',
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'long-enough',
    }),
  );

  it('puts every key under the prefix', () => {
    expect(keys.key('signin', '2026-12-03', 17)).toBe('fm:signin:2026-12-03:17');
  });

  it('wraps the tag in braces, so keys of one tag hash to one Redis Cluster slot', () => {
    expect(keys.tagged('sale:42', 'stock')).toBe('fm:{sale:42}:stock');
    expect(keys.tagged(42, 'buyers', 7)).toBe('fm:{42}:buyers:7');
  });
});
