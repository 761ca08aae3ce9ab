import { Body, Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { AuthenticatedUser, CurrentUser, RequireRole } from '@app/auth/auth.decorators';

import { FlashSaleAdminService } from './flash-sale-admin.service';
import { FlashSaleReconciler, ReconciliationReport } from './flash-sale-reconciler';
import { AddStockDto, CreateFlashSaleDto, ReconcileDto } from './flash-sale.dto';
import { FlashSaleView } from './flash-sale.view';

@ApiTags('admin: flash-sales')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('admin/flash-sales')
export class FlashSaleAdminController {
  constructor(
    private readonly admin: FlashSaleAdminService,
    private readonly reconciler: FlashSaleReconciler,
  ) {}

  /** A draft: nothing is reserved or on offer until it is published. */
  @Post()
  create(@Body() body: CreateFlashSaleDto): Promise<FlashSaleView> {
    return this.admin.create(body);
  }

  @Post(':saleId/publish')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Published (idempotent): stock reserved from the product, Redis warmed' })
  publish(@Param('saleId', ParseIntPipe) saleId: number, @CurrentUser() user: AuthenticatedUser): Promise<FlashSaleView> {
    return this.admin.publish(saleId, user.id);
  }

  @Post(':saleId/stock')
  @HttpCode(200)
  addStock(@Param('saleId', ParseIntPipe) saleId: number, @Body() body: AddStockDto, @CurrentUser() user: AuthenticatedUser): Promise<FlashSaleView> {
    return this.admin.addStock(saleId, body.quantity, user.id);
  }

  @Post(':saleId/end')
  @HttpCode(200)
  end(@Param('saleId', ParseIntPipe) saleId: number, @CurrentUser() user: AuthenticatedUser): Promise<FlashSaleView> {
    return this.admin.end(saleId, user.id);
  }

  @Post(':saleId/reconciliation')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Redis stock, pending tickets and orders compared; repaired when asked' })
  reconcile(@Param('saleId', ParseIntPipe) saleId: number, @Body() body: ReconcileDto, @CurrentUser() user: AuthenticatedUser): Promise<ReconciliationReport> {
    return this.reconciler.reconcile(saleId, body.repair, user.id);
  }
}
