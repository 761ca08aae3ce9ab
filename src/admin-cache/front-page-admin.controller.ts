import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { RequireRole } from '@app/auth/auth.decorators';
import { FrontPageContentService } from '@app/front-page/front-page-content.service';
import { Banner } from '@app/front-page/front-page-content.repository';

import { BannerIdParamDto, CreateBannerDto, FeaturedProductsDto, UpdateBannerDto } from './admin-cache.dto';
import { HotDataChanges } from './hot-data-changes';

/** Admin edits of the front page; each one is announced so caches and static files follow at once. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('admin')
export class FrontPageAdminController {
  constructor(
    private readonly content: FrontPageContentService,
    private readonly changes: HotDataChanges,
  ) {}

  @Post('banners')
  async createBanner(@Body() body: CreateBannerDto): Promise<Banner> {
    const banner = await this.content.createBanner(body);
    await this.changes.frontPageChanged();

    return banner;
  }

  @Patch('banners/:id')
  async updateBanner(@Param() params: BannerIdParamDto, @Body() body: UpdateBannerDto): Promise<Banner> {
    const banner = await this.content.updateBanner(params.id, body);
    await this.changes.frontPageChanged();

    return banner;
  }

  @Delete('banners/:id')
  @HttpCode(204)
  async deleteBanner(@Param() params: BannerIdParamDto): Promise<void> {
    await this.content.deleteBanner(params.id);
    await this.changes.frontPageChanged();
  }

  /** Replaces the featured products, in the given order. */
  @Put('featured-products')
  @HttpCode(204)
  async setFeatured(@Body() body: FeaturedProductsDto): Promise<void> {
    await this.content.setFeatured(body.productIds);
    await this.changes.frontPageChanged();
  }
}
