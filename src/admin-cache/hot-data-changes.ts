import { Injectable } from '@nestjs/common';

import { FrontPageResources } from '@app/front-page/front-page-resources';
import { HotEntry } from '@app/hot-cache/hot-entry';
import { HotValueCache } from '@app/hot-cache/hot-value-cache';
import { ExportSelection } from '@app/static-export/static-export.service';
import { StaticExportQueue } from '@app/static-export/static-export.queue';

/**
 * What a module calls after it changed hot data in PostgreSQL: the affected entries are rebuilt
 * with new versions at once (every replica drops its L1 copy), and a job rewrites the static files.
 * The catalog has no write API yet (products change by migration, seeding or SQL, then an admin
 * refresh); a future product or category write must call productChanged / categoriesChanged.
 */
@Injectable()
export class HotDataChanges {
  constructor(
    private readonly hot: HotValueCache,
    private readonly resources: FrontPageResources,
    private readonly exports: StaticExportQueue,
  ) {}

  async frontPageChanged(): Promise<void> {
    const frontPage = await this.hot.refresh(this.resources.frontPage);
    await this.announce([frontPage], { shared: ['front-page'], productIds: [] });
  }

  /** A product appears on the front page (featured) as well as in its own details. */
  async productChanged(productId: number): Promise<void> {
    const product = await this.hot.refresh(this.resources.product(productId));
    const frontPage = await this.hot.refresh(this.resources.frontPage);
    await this.announce([product, frontPage], { shared: ['front-page'], productIds: [productId] });
  }

  async categoriesChanged(): Promise<void> {
    const tree = await this.hot.refresh(this.resources.categoryTree);
    const frontPage = await this.hot.refresh(this.resources.frontPage);
    await this.announce([tree, frontPage], { shared: ['category-tree', 'front-page'], productIds: [] });
  }

  private announce(entries: HotEntry[], selection: ExportSelection): Promise<void> {
    return this.exports.enqueue(selection, entries.map((entry) => `${entry.key}.${entry.version}`).join('.'));
  }
}
