import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthenticatedUser, CurrentUser } from '@app/auth/auth.decorators';

import { idempotencyKeyHeader, OrderDto, OrderListQueryDto, OrderPageDto, OrderParamsDto, PlaceOrderDto } from './orders.dto';
import { OrdersService } from './orders.service';
import { Order, OrderPage } from './orders.types';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** 201 with the new order; a retry with the same Idempotency-Key answers 200 with the first one. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: OrderDto })
  async place(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Order> {
    const placed = await this.orders.place(user.id, body.lines, idempotencyKeyHeader.parse(idempotencyKey));
    if (placed.replayed) void reply.status(200).header('idempotent-replayed', 'true');

    return placed.order;
  }

  /** `page` (default 1) or `cursor` (nextCursor of the previous page), and `pageSize` (default 40). */
  @Get()
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: OrderListQueryDto): Promise<OrderPage> {
    const { pageSize, cursor, page } = query;

    return this.orders.list(user.id, cursor === undefined ? { page: page ?? 1, pageSize } : { cursor, pageSize });
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderDto })
  find(@CurrentUser() user: AuthenticatedUser, @Param() params: OrderParamsDto): Promise<Order> {
    return this.orders.find(user.id, params.id);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  pay(@CurrentUser() user: AuthenticatedUser, @Param() params: OrderParamsDto): Promise<Order> {
    return this.orders.pay(user.id, params.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  cancel(@CurrentUser() user: AuthenticatedUser, @Param() params: OrderParamsDto): Promise<Order> {
    return this.orders.cancel(user.id, params.id);
  }
}
