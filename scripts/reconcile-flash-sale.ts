/**
 * Compares a flash sale's Redis stock, pending tickets and orders, and repairs the drift with --repair:
 *   npm run reconcile:flash-sale -- <sale id> [--repair]
 * Prints the report as JSON. Exit code 0: consistent (or repaired); 2: drift found, not repaired.
 */
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module';
import { FlashSaleReconciler } from '../src/promotions/flash-sales/flash-sale-reconciler';

async function main(): Promise<number> {
  const [saleIdArgument, ...flags] = process.argv.slice(2);
  const saleId = Number(saleIdArgument);
  if (!Number.isSafeInteger(saleId) || saleId < 1) {
    process.stderr.write('usage: reconcile-flash-sale <sale id> [--repair]\n');
    return 1;
  }
  // A one-off command: no queue processors or pump in this process.
  process.env.APP_ROLE = 'api';

  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const report = await app.get(FlashSaleReconciler).reconcile(saleId, flags.includes('--repair'), null);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

    return report.consistent || report.repaired ? 0 : 2;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
