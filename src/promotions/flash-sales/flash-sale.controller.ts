import { Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';

import { AuthenticatedUser, CurrentUser } from '@app/auth/auth.decorators';
import { RateLimitGuard } from '@app/rate-limit/rate-limit.guard';

import { AcceptedAttempt, FlashSaleService } from './flash-sale.service';
import { TicketState } from './flash-sale.types';
import { FlashSaleView } from './flash-sale.view';

@ApiTags('flash-sales')
@ApiBearerAuth()
@Controller('flash-sales')
export class FlashSaleController {
  constructor(private readonly flashSales: FlashSaleService) {}

  @Get(':saleId')
  @ApiOkResponse({ description: 'The published sale, with the units still on offer' })
  view(@Param('saleId', ParseIntPipe) saleId: number): Promise<FlashSaleView> {
    return this.flashSales.view(saleId);
  }

  /** No body: the sale is in the path, the buyer in the token. Answers before any database work. */
  @Post(':saleId/attempts')
  @HttpCode(202)
  @UseGuards(RateLimitGuard)
  @ApiAcceptedResponse({ description: 'Accepted: { ticketId, status: "pending" }; poll the ticket' })
  @ApiConflictResponse({ description: 'SOLD_OUT, ALREADY_BOUGHT, SALE_NOT_STARTED or SALE_ENDED' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited per user and per IP; see Retry-After' })
  attempt(@Param('saleId', ParseIntPipe) saleId: number, @CurrentUser() user: AuthenticatedUser): Promise<AcceptedAttempt> {
    return this.flashSales.attempt(saleId, user.id);
  }

  @Get(':saleId/tickets/:ticketId')
  @ApiOkResponse({ description: 'pending; confirmed with orderId; or failed with reason' })
  ticket(
    @Param('saleId', ParseIntPipe) saleId: number,
    @Param('ticketId', new ParseUUIDPipe({ version: '4' })) ticketId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<{ ticketId: string } & TicketState> {
    return this.flashSales.ticket(saleId, ticketId, user.id);
  }
}
