import { createHash } from 'node:crypto';

/**
 * One cached answer of a hot resource, as every level holds it: the exact JSON body (serialized
 * once, when it is built), its version and the ETag made from that version. A warm read sends
 * `body` as it is: no serialization and no hashing per request.
 */
export interface HotEntry {
  /** Resource key: 'front-page', 'category-tree', 'app-config', 'product:<id>'. */
  key: string;
  /** Increases whenever the content changes; 0 when built while Redis was unreachable. */
  version: number;
  etag: string;
  /** The JSON answer, or null when the resource does not exist (cached too, so misses stay cheap). */
  body: string | null;
  /** Hash of the data without version and timestamps: decides whether a rebuild is a change. */
  contentHash: string;
  /** Epoch ms (app clock) until which the shared copy counts as fresh. */
  freshUntil: number;
}

/** A resource the hot cache can build: a stable key, a metrics label and its loader. */
export interface HotResource<T> {
  key: string;
  /** Metrics label: the kind of resource, never an id (keeps the label set small). */
  kind: string;
  load(): Promise<T | undefined>;
}

export function contentHashOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data ?? null)).digest('base64url').slice(0, 16);
}

export function etagOf(key: string, version: number, contentHash: string): string {
  // Without a shared version (Redis down) the content hash stands in, so the tag stays truthful.
  return version > 0 ? `"${key}.${version}"` : `"${key}.h${contentHash}"`;
}

export function buildEntry<T>(
  key: string,
  data: T | undefined,
  version: number,
  contentHash: string,
  now: Date,
  freshUntil: number,
): HotEntry {
  const body = data === undefined ? null : JSON.stringify({ ...data, version, generatedAt: now.toISOString() });

  return { key, version, etag: etagOf(key, version, contentHash), body, contentHash, freshUntil };
}
