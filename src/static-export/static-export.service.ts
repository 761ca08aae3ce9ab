import { Injectable, Logger } from '@nestjs/common';

import { Clock } from '@app/common/clock';
import {
  FrontPageResources,
  MANIFEST_RESOURCES,
  ManifestResource,
  PRODUCT_KEY_PREFIX,
} from '@app/front-page/front-page-resources';
import { HotEntry } from '@app/hot-cache/hot-entry';
import { HotValueCache } from '@app/hot-cache/hot-value-cache';
import { RedisLock } from '@app/redis/redis-lock';
import { RedisKeys } from '@app/redis/redis-keys';

import { StaticFileWriter, StaticManifest } from './static-file-writer';

/** What to (re)write: some shared resources and some products, or all of them. */
export interface ExportSelection {
  shared: ManifestResource[];
  productIds: number[] | 'all';
}

export const EXPORT_EVERYTHING: ExportSelection = { shared: [...MANIFEST_RESOURCES], productIds: 'all' };

export interface ExportOutcome {
  filesWritten: number;
  filesUnchanged: number;
  filesPruned: number;
  durationMs: number;
}

type WriteEntry = (entry: HotEntry, path: string) => Promise<void>;

const PRODUCT_PAGE = 500;
/** Exports of one folder run one at a time (they rewrite the one manifest); a long one is waited for. */
const EXPORT_LOCK_MS = 120_000;

/**
 * Pre-generates JSON files of the client-cached resources from the hot cache (so a file holds
 * exactly the version the API serves) and updates the manifest that maps each resource to its file.
 */
@Injectable()
export class StaticExportService {
  private readonly logger = new Logger(StaticExportService.name);
  private readonly lockKey: string;

  constructor(
    private readonly hot: HotValueCache,
    private readonly resources: FrontPageResources,
    private readonly writer: StaticFileWriter,
    private readonly lock: RedisLock,
    private readonly clock: Clock,
    keys: RedisKeys,
  ) {
    this.lockKey = keys.key('static-export', 'lock');
  }

  async export(selection: ExportSelection): Promise<ExportOutcome> {
    const started = performance.now();
    const lock = await this.lock.acquire(this.lockKey, EXPORT_LOCK_MS, EXPORT_LOCK_MS);
    try {
      const manifest = await this.writer.readManifest();
      const counts = { filesWritten: 0, filesUnchanged: 0 };
      const write: WriteEntry = async (entry, path) => {
        if (entry.body === null) {
          delete manifest.files[entry.key];
          return;
        }
        const { file, written } = await this.writer.writeVersioned(path, entry.body);
        manifest.files[entry.key] = { version: entry.version, file };
        counts[written ? 'filesWritten' : 'filesUnchanged'] += 1;
      };

      for (const name of selection.shared) await write(await this.hot.read(this.resources.shared(name)), name);
      if (selection.productIds === 'all') await this.exportAllProducts(manifest, write);
      else for (const id of selection.productIds) await write(await this.hot.read(this.resources.product(id)), `products/${id}`);

      const now = this.clock.now();
      manifest.generatedAt = now.toISOString();
      await this.writer.writeManifest(manifest);
      const filesPruned = await this.writer.prune(manifest, now);
      const outcome = { ...counts, filesPruned, durationMs: Math.round(performance.now() - started) };
      this.logger.log(`static export: ${JSON.stringify(outcome)}`);

      return outcome;
    } finally {
      await lock?.release();
    }
  }

  /** Every product, a page of ids at a time; products that no longer exist leave the manifest. */
  private async exportAllProducts(manifest: StaticManifest, write: WriteEntry): Promise<void> {
    for (const key of Object.keys(manifest.files)) {
      if (key.startsWith(PRODUCT_KEY_PREFIX)) delete manifest.files[key];
    }
    let afterId = 0;
    for (;;) {
      const ids = await this.resources.productIdsAfter(afterId, PRODUCT_PAGE);
      if (ids.length === 0) return;
      for (const id of ids) await write(await this.hot.read(this.resources.product(id)), `products/${id}`);
      afterId = ids[ids.length - 1];
    }
  }
}
