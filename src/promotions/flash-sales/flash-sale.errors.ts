import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

export const FlashSaleErrors = {
  notFound: (saleId: number) => new AppError('FLASH_SALE_NOT_FOUND', HttpStatus.NOT_FOUND, `Flash sale ${saleId} does not exist or is not published`),
  ticketNotFound: () => new AppError('TICKET_NOT_FOUND', HttpStatus.NOT_FOUND, 'No such ticket for this user'),
  productNotFound: (productId: number) => new AppError('PRODUCT_NOT_FOUND', HttpStatus.NOT_FOUND, `Product ${productId} does not exist`),
  soldOut: () => AppError.conflict('SOLD_OUT', 'The flash sale is sold out'),
  alreadyBought: () => AppError.conflict('ALREADY_BOUGHT', 'You already bought as many as this sale allows per user'),
  notStarted: () => AppError.conflict('SALE_NOT_STARTED', 'The flash sale has not started yet'),
  ended: () => AppError.conflict('SALE_ENDED', 'The flash sale has ended'),
  notPublishable: (saleId: number) => AppError.conflict('SALE_NOT_PUBLISHABLE', `Flash sale ${saleId} has ended, or its end time has passed, and cannot be published`),
  notLive: (saleId: number) => AppError.conflict('SALE_NOT_LIVE', `Flash sale ${saleId} is not published or has ended`),
  insufficientProductStock: (productId: number, wanted: number) =>
    AppError.conflict('INSUFFICIENT_PRODUCT_STOCK', `Product ${productId} has fewer than ${wanted} units to reserve for the sale`),
};
