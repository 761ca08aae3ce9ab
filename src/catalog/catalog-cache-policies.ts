import { CachePolicy, sharedKey } from '@app/cache/cache-policy';

import { CategoryPage } from './catalog.types';

/** One product, shared by everyone; unknown ids are remembered as absent (penetration). */
export const PRODUCT_CACHE: CachePolicy<[productId: number]> = {
  name: 'product',
  key: (productId) => sharedKey(productId),
  ttlSeconds: (config) => config.catalog.productTtlSeconds,
  absentTtlSeconds: (config) => config.catalog.absentTtlSeconds,
};

/** A page of a category's products; an unknown category is remembered as absent, an empty page as briefly. */
export const CATEGORY_PAGE_CACHE: CachePolicy<[categoryId: number, page: number, pageSize: number], CategoryPage> = {
  name: 'category-page',
  key: (categoryId, page, pageSize) => sharedKey(categoryId, page, pageSize),
  ttlSeconds: (config) => config.catalog.categoryPageTtlSeconds,
  absentTtlSeconds: (config) => config.catalog.absentTtlSeconds,
  isEmpty: (page) => page.items.length === 0,
};

export const CATEGORIES_CACHE: CachePolicy<[]> = {
  name: 'categories',
  key: () => sharedKey('all'),
  ttlSeconds: (config) => config.catalog.categoryPageTtlSeconds,
};
