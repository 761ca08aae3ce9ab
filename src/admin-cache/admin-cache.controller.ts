import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { RequireRole } from '@app/auth/auth.decorators';

import { RefreshRequestDto, RefreshResultDto, toRefreshRequest } from './admin-cache.dto';
import { CacheRefreshService, RefreshResult } from './cache-refresh.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('admin/cache')
export class AdminCacheController {
  constructor(private readonly refreshes: CacheRefreshService) {}

  /** Reloads a scope from PostgreSQL into Redis and the static files; every replica drops its L1 copies. */
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: RefreshResultDto })
  refresh(@Body() body: RefreshRequestDto): Promise<RefreshResult> {
    return this.refreshes.refresh(toRefreshRequest(body));
  }
}
