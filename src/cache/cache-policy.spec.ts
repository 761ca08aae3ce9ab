import { jitteredTtlMs, sharedKey, userKey } from './cache-policy';

describe('jitteredTtlMs', () => {
  it('works in milliseconds and never exceeds the policy lifetime', () => {
    expect(jitteredTtlMs(60, 0.1, () => 0)).toBe(60_000);
    expect(jitteredTtlMs(60, 0.1, () => 0.999999)).toBeGreaterThanOrEqual(54_000);
  });

  it('shortens by at most the ratio, spread over the range', () => {
    const ttls = Array.from({ length: 1000 }, () => jitteredTtlMs(300, 0.1));

    expect(Math.max(...ttls)).toBeLessThanOrEqual(300_000);
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(270_000);
    expect(new Set(ttls).size).toBeGreaterThan(100);
  });

  it('keeps at least one second, so a value is never stored without expiry or already expired', () => {
    expect(jitteredTtlMs(1, 0.5, () => 1)).toBe(1000);
  });
});

describe('cache keys', () => {
  it("put the user's id into every per-user key", () => {
    expect(userKey(42)).toEqual({ scope: 'user', id: 'u:42' });
    expect(userKey(42, 'page', 1)).toEqual({ scope: 'user', id: 'u:42:page:1' });
    expect(userKey(42).id).not.toBe(userKey(43).id);
  });

  it('mark shared keys as shared', () => {
    expect(sharedKey(7, 2, 20)).toEqual({ scope: 'shared', id: '7:2:20' });
  });
});
