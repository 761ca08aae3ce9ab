import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Public } from '@app/auth/auth.decorators';

import { CategoryDto, CategoryPageDto, CategoryPageQueryDto, CategoryParamsDto, ProductDto, ProductParamsDto } from './catalog.dto';
import { CatalogService } from './catalog.service';
import { Category, CategoryPage, Product } from './catalog.types';

/** Browsing needs no account. */
@ApiTags('catalog')
@Public()
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('products/:id')
  @ApiOkResponse({ type: ProductDto })
  product(@Param() params: ProductParamsDto): Promise<Product> {
    return this.catalog.product(params.id);
  }

  @Get('categories')
  @ApiOkResponse({ type: [CategoryDto] })
  categories(): Promise<Category[]> {
    return this.catalog.categories();
  }

  @Get('categories/:id/products')
  @ApiOkResponse({ type: CategoryPageDto })
  categoryPage(@Param() params: CategoryParamsDto, @Query() query: CategoryPageQueryDto): Promise<CategoryPage> {
    return this.catalog.categoryPage(params.id, query.page, query.pageSize);
  }
}
