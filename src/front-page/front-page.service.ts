import { Injectable } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';
import { contentHashOf, etagOf, HotEntry } from '@app/hot-cache/hot-entry';
import { HotValueCache } from '@app/hot-cache/hot-value-cache';

import { FrontPageResources, MANIFEST_RESOURCES, ManifestResource } from './front-page-resources';

/** Where an app fetches each resource that the manifest lists. */
const API_PATHS: Record<ManifestResource, string> = {
  'front-page': '/v1/front-page',
  'category-tree': '/v1/category-tree',
  'app-config': '/v1/app-config',
};

export interface ManifestItem {
  version: number;
  etag: string;
  path: string;
}

/** Reads of the client-cached resources, every one through the hot cache's three levels. */
@Injectable()
export class FrontPageService {
  private readonly staticManifestUrl: string;

  constructor(
    private readonly hot: HotValueCache,
    private readonly resources: FrontPageResources,
    config: AppConfig,
  ) {
    this.staticManifestUrl = `${config.staticExport.urlPrefix}manifest.json`;
  }

  read(name: ManifestResource): Promise<HotEntry> {
    return this.hot.read(this.resources.shared(name));
  }

  product(id: number): Promise<HotEntry> {
    return this.hot.read(this.resources.product(id));
  }

  /**
   * The current version of every shared client-cached resource, so an app asks once and fetches
   * only what changed. Itself versioned: its ETag changes when any listed version does.
   */
  async manifest(): Promise<HotEntry> {
    const entries = await Promise.all(MANIFEST_RESOURCES.map((name) => this.read(name)));
    const resources = Object.fromEntries(
      entries.map((entry, index): [string, ManifestItem] => [
        MANIFEST_RESOURCES[index],
        { version: entry.version, etag: entry.etag, path: API_PATHS[MANIFEST_RESOURCES[index]] },
      ]),
    );
    const data = {
      resources,
      productPath: '/v1/product-details/{id}',
      staticManifest: this.staticManifestUrl,
    };
    // Its own tag is a hash of the tags it lists: it changes exactly when one of them does.
    const contentHash = contentHashOf(entries.map((entry) => entry.etag));

    const etag = etagOf('manifest', 0, contentHash);

    return { key: 'manifest', version: 0, etag, body: JSON.stringify(data), contentHash, freshUntil: 0 };
  }
}
