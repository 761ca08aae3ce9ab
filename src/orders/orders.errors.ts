import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

import { OrderStatus } from './orders.types';

export const OrderErrors = {
  // Also for another user's order: its existence is not revealed.
  notFound: (orderId: number) => new AppError('ORDER_NOT_FOUND', HttpStatus.NOT_FOUND, `Order ${orderId} does not exist`),
  notPayable: (orderId: number, status: OrderStatus) =>
    AppError.conflict('ORDER_NOT_PAYABLE', `Order ${orderId} is ${status} and cannot be paid`, { status }),
  notCancellable: (orderId: number, status: OrderStatus) =>
    AppError.conflict('ORDER_NOT_CANCELLABLE', `Order ${orderId} is ${status} and cannot be cancelled`, { status }),
  flashSaleOrderNotCancellable: (orderId: number) =>
    AppError.conflict(
      'FLASH_SALE_ORDER_NOT_CANCELLABLE',
      `Order ${orderId} is a flash-sale order: it is cancelled when its payment time runs out, which returns its unit to the sale`,
    ),
  idempotencyKeyReused: () =>
    new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'This Idempotency-Key was already used for a different order',
    ),
  invalidCursor: () => AppError.validation('The cursor is not valid; use nextCursor from a previous page'),
};
