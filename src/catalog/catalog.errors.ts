import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

export const CatalogErrors = {
  productNotFound: (productId: number) =>
    new AppError('PRODUCT_NOT_FOUND', HttpStatus.NOT_FOUND, `Product ${productId} does not exist`, { productId }),
  categoryNotFound: (categoryId: number) =>
    new AppError('CATEGORY_NOT_FOUND', HttpStatus.NOT_FOUND, `Category ${categoryId} does not exist`, { categoryId }),
  notOnSale: (productId: number) =>
    AppError.conflict('PRODUCT_NOT_ON_SALE', `Product ${productId} is not on sale`, { productId }),
  outOfStock: (productId: number, requested: number, available: number) =>
    AppError.conflict('OUT_OF_STOCK', `Product ${productId} has ${available} in stock, ${requested} requested`, {
      productId,
      requested,
      available,
    }),
};
