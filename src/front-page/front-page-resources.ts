import { Injectable } from '@nestjs/common';

import { Clock } from '@app/common/clock';
import { AppConfig } from '@app/config/app-config';
import { HotResource } from '@app/hot-cache/hot-entry';

import { ActiveSalesSource, FrontPageSale } from './active-sales.source';
import { CatalogSnapshotRepository, ProductDetails, ProductSummary } from './catalog-snapshot.repository';
import { buildCategoryTree, CategoryNode } from './category-tree';
import { Banner, FrontPageContentRepository } from './front-page-content.repository';

export interface FrontPage {
  featured: ProductSummary[];
  flashSales: FrontPageSale[];
  banners: Omit<Banner, 'active'>[];
  categories: CategoryNode[];
}

export interface ClientAppConfig {
  currency: string;
  businessTimeZone: string;
  staticUrlPrefix: string;
  signIn: { basePoints: number; streakBonusPoints: number; streakBonusCapDays: number };
}

/** The shared, client-cached resources whose versions the manifest lists. */
export const MANIFEST_RESOURCES = ['front-page', 'category-tree', 'app-config'] as const;
export type ManifestResource = (typeof MANIFEST_RESOURCES)[number];

export const PRODUCT_KEY_PREFIX = 'product:';

/**
 * The hot resources: their cache keys and how each is loaded from PostgreSQL. Every level of the
 * hot cache, the static export and the admin refresh name resources through this one class.
 */
@Injectable()
export class FrontPageResources {
  private readonly appConfigData: ClientAppConfig;
  private readonly featuredLimit: number;

  constructor(
    private readonly catalog: CatalogSnapshotRepository,
    private readonly content: FrontPageContentRepository,
    private readonly sales: ActiveSalesSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.featuredLimit = config.frontPage.featuredLimit;
    this.appConfigData = {
      currency: 'CNY',
      businessTimeZone: config.signIn.timeZone,
      staticUrlPrefix: config.staticExport.urlPrefix,
      signIn: {
        basePoints: config.signIn.basePoints,
        streakBonusPoints: config.signIn.streakBonusPoints,
        streakBonusCapDays: config.signIn.streakBonusCapDays,
      },
    };
  }

  readonly frontPage: HotResource<FrontPage> = {
    key: 'front-page',
    kind: 'front-page',
    load: async () => {
      const [featured, flashSales, banners, categories] = await Promise.all([
        this.catalog.featuredProducts(this.featuredLimit),
        this.sales.activeSales(this.clock.now()),
        this.content.activeBanners(),
        this.catalog.categories(),
      ]);

      return {
        featured,
        flashSales,
        banners: banners.map(({ active: _active, ...shown }) => shown),
        categories: buildCategoryTree(categories),
      };
    },
  };

  readonly categoryTree: HotResource<{ categories: CategoryNode[] }> = {
    key: 'category-tree',
    kind: 'category-tree',
    load: async () => ({ categories: buildCategoryTree(await this.catalog.categories()) }),
  };

  readonly appConfig: HotResource<ClientAppConfig> = {
    key: 'app-config',
    kind: 'app-config',
    load: () => Promise.resolve(this.appConfigData),
  };

  product(id: number): HotResource<ProductDetails> {
    return { key: `${PRODUCT_KEY_PREFIX}${id}`, kind: 'product', load: () => this.catalog.product(id) };
  }

  shared(name: ManifestResource): HotResource<unknown> {
    switch (name) {
      case 'front-page':
        return this.frontPage;
      case 'category-tree':
        return this.categoryTree;
      case 'app-config':
        return this.appConfig;
    }
  }

  productIdsAfter(afterId: number, limit: number): Promise<number[]> {
    return this.catalog.productIdsAfter(afterId, limit);
  }
}
