import { ifNoneMatchHits } from './etag';

describe(ifNoneMatchHits.name, () => {
  const etag = '"front-page.17"';

  it('hits on the same tag, weak or strong, alone or in a list, and on *', () => {
    expect(ifNoneMatchHits('"front-page.17"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"front-page.17"', etag)).toBe(true);
    expect(ifNoneMatchHits('"front-page.16", "front-page.17"', etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });

  it('misses on another version, another resource, an unquoted tag or no header', () => {
    expect(ifNoneMatchHits('"front-page.16"', etag)).toBe(false);
    expect(ifNoneMatchHits('"category-tree.17"', etag)).toBe(false);
    expect(ifNoneMatchHits('front-page.17', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits('', etag)).toBe(false);
  });
});
