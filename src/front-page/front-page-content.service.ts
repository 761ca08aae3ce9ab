import { Injectable } from '@nestjs/common';

import { Banner, FrontPageContentRepository, NewBanner } from './front-page-content.repository';
import { FrontPageErrors } from './front-page.errors';

/** Admin edits of what the front page shows. Callers announce the change to the hot cache. */
@Injectable()
export class FrontPageContentService {
  constructor(private readonly content: FrontPageContentRepository) {}

  createBanner(banner: NewBanner): Promise<Banner> {
    return this.content.insertBanner(banner);
  }

  async updateBanner(id: number, changes: Partial<NewBanner>): Promise<Banner> {
    const updated = await this.content.updateBanner(id, changes);
    if (!updated) throw FrontPageErrors.bannerNotFound(id);

    return updated;
  }

  async deleteBanner(id: number): Promise<void> {
    if (!(await this.content.deleteBanner(id))) throw FrontPageErrors.bannerNotFound(id);
  }

  async setFeatured(productIds: number[]): Promise<void> {
    const unknown = await this.content.replaceFeatured(productIds);
    if (unknown.length > 0) throw FrontPageErrors.unknownProducts(unknown);
  }
}
