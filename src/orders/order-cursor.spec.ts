import { decodeCursor, encodeCursor } from './order-cursor';

describe('order cursor', () => {
  it('round-trips the creation instant to the microsecond and the id', () => {
    const cursor = { createdAt: '2026-12-03T10:00:00.123456Z', id: 42 };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything it did not make', () => {
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('2026-12-03T10:00:00Z|42').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from("2026-12-03T10:00:00.123456Z|1 OR 1=1").toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from('2026-12-03T10:00:00.123456Z|99999999999999999').toString('base64url'))).toBeUndefined();
  });
});
