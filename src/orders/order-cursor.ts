/** Where a keyset page starts: after the order with this creation instant and id (newest first). */
export interface OrderCursor {
  createdAt: string;
  id: number;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([1-9]\d{0,15})$/;

/** Opaque to clients: base64url of "createdAt|id". */
export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(encoded: string): OrderCursor | undefined {
  const match = CURSOR.exec(Buffer.from(encoded, 'base64url').toString());
  if (!match) return undefined;
  const id = Number(match[2]);

  return Number.isSafeInteger(id) ? { createdAt: match[1], id } : undefined;
}
