import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { AuthenticatedUser, CurrentUser } from '@app/auth/auth.decorators';

import { CalendarQueryDto, MonthCalendarDto, SignInOutcomeDto, TodayStatusDto } from './sign-in.dto';
import { MonthCalendar, SignInOutcome, SignInService, TodayStatus } from './sign-in.service';

@ApiTags('sign-in')
@ApiBearerAuth()
@Controller('sign-ins')
export class SignInController {
  constructor(private readonly signIns: SignInService) {}

  /** Idempotent: every call on the same business day answers with the day's one sign-in. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SignInOutcomeDto })
  signIn(@CurrentUser() user: AuthenticatedUser): Promise<SignInOutcome> {
    return this.signIns.signIn(user.id);
  }

  @Get('today')
  @ApiOkResponse({ type: TodayStatusDto })
  today(@CurrentUser() user: AuthenticatedUser): Promise<TodayStatus> {
    return this.signIns.todayStatus(user.id);
  }

  @Get('calendar')
  @ApiOkResponse({ type: MonthCalendarDto })
  calendar(@CurrentUser() user: AuthenticatedUser, @Query() query: CalendarQueryDto): Promise<MonthCalendar> {
    return this.signIns.calendar(user.id, query.month);
  }
}
