import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';

import { AuthenticatedUser, CurrentUser } from '@app/auth/auth.decorators';
import { RateLimitGuard } from '@app/rate-limit/rate-limit.guard';

import { CreateRedPacketDto } from './red-packet.dto';
import { RedPacketService, RedPacketView } from './red-packet.service';

@ApiTags('red-packets')
@ApiBearerAuth()
@Controller('red-packets')
export class RedPacketController {
  constructor(private readonly packets: RedPacketService) {}

  @Post()
  @ApiConflictResponse({ description: 'INSUFFICIENT_BALANCE: the wallet pays for the packet' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateRedPacketDto): Promise<RedPacketView> {
    return this.packets.create(user.id, body);
  }

  @Get(':packetId')
  view(@Param('packetId', ParseIntPipe) packetId: number): Promise<RedPacketView> {
    return this.packets.view(packetId);
  }

  @Post(':packetId/grabs')
  @HttpCode(200)
  @UseGuards(RateLimitGuard)
  @ApiOkResponse({ description: '{ amountCents }; the wallet is credited by a worker moments later' })
  @ApiConflictResponse({ description: 'RED_PACKET_EMPTY, ALREADY_GRABBED or RED_PACKET_EXPIRED' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited per user and per IP; see Retry-After' })
  grab(@Param('packetId', ParseIntPipe) packetId: number, @CurrentUser() user: AuthenticatedUser): Promise<{ amountCents: number }> {
    return this.packets.grab(packetId, user.id);
  }
}
