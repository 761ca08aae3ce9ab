import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { CacheFirst, UsesReadThroughCache } from '@app/cache/cache-first.decorator';
import { ReadThroughCache } from '@app/cache/read-through-cache';

import { CATEGORIES_CACHE, CATEGORY_PAGE_CACHE, PRODUCT_CACHE } from './catalog-cache-policies';
import { CatalogErrors } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import { Category, CategoryPage, Product, StockRequest, TakenStock } from './catalog.types';

@Injectable()
export class CatalogService implements UsesReadThroughCache {
  constructor(
    readonly readThroughCache: ReadThroughCache,
    private readonly repository: CatalogRepository,
  ) {}

  async product(productId: number): Promise<Product> {
    const product = await this.loadProduct(productId);
    if (!product) throw CatalogErrors.productNotFound(productId);

    return product;
  }

  async categoryPage(categoryId: number, page: number, pageSize: number): Promise<CategoryPage> {
    const found = await this.loadCategoryPage(categoryId, page, pageSize);
    if (!found) throw CatalogErrors.categoryNotFound(categoryId);

    return found;
  }

  @CacheFirst(CATEGORIES_CACHE)
  categories(): Promise<Category[]> {
    return this.repository.listCategories();
  }

  /**
   * Takes the stock of every line inside the caller's transaction, or throws (and the caller's
   * transaction rolls back everything taken so far). Products are locked in id order, so two
   * baskets sharing products cannot deadlock.
   */
  async takeStock(tx: EntityManager, requests: StockRequest[]): Promise<TakenStock[]> {
    const taken: TakenStock[] = [];
    for (const request of [...requests].sort((a, b) => a.productId - b.productId)) {
      const unitPriceCents = await this.repository.takeStock(tx, request.productId, request.quantity);
      if (unitPriceCents === undefined) throw await this.whyNoStock(tx, request);
      taken.push({ ...request, unitPriceCents });
    }

    return taken;
  }

  async returnStock(tx: EntityManager, lines: StockRequest[]): Promise<void> {
    for (const line of [...lines].sort((a, b) => a.productId - b.productId)) {
      await this.repository.returnStock(tx, line.productId, line.quantity);
    }
  }

  /** After a commit that changed stock: cached products show the new count on the next read. */
  async stockChanged(productIds: number[]): Promise<void> {
    await Promise.all([...new Set(productIds)].map((id) => this.readThroughCache.invalidate(PRODUCT_CACHE, id)));
  }

  @CacheFirst(PRODUCT_CACHE)
  private async loadProduct(productId: number): Promise<Product | null> {
    return (await this.repository.findProduct(productId)) ?? null;
  }

  @CacheFirst(CATEGORY_PAGE_CACHE)
  private async loadCategoryPage(categoryId: number, page: number, pageSize: number): Promise<CategoryPage | null> {
    const rows = await this.repository.listByCategory(categoryId, (page - 1) * pageSize, pageSize + 1);
    if (rows.length === 0 && !(await this.repository.categoryExists(categoryId))) return null;

    return { categoryId, page, pageSize, items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
  }

  private async whyNoStock(tx: EntityManager, request: StockRequest): Promise<Error> {
    const state = await this.repository.stockState(tx, request.productId);
    if (!state) return CatalogErrors.productNotFound(request.productId);
    if (!state.onSale) return CatalogErrors.notOnSale(request.productId);

    return CatalogErrors.outOfStock(request.productId, request.quantity, state.stock);
  }
}
