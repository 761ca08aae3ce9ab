import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import { FrontPageResources } from '@app/front-page/front-page-resources';
import { HotValueCache } from '@app/hot-cache/hot-value-cache';
import { L1Cache } from '@app/hot-cache/l1-cache';
import { EXPORT_EVERYTHING, StaticExportService } from '@app/static-export/static-export.service';
import { StaticManifest } from '@app/static-export/static-file-writer';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { drainStaticExports, seedCatalog, SeededCatalog, waitUntil } from '@test/support/hot-data';
import { startTestApp, TestApp } from '@test/support/test-app';

/** Static JSON for a CDN: content-addressed files and a manifest, written atomically, served with cache headers. */
describe('Static export', () => {
  let t: TestApp;
  let dir: string;
  let admin: TestUser;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flashmart-static-'));
    t = await startTestApp({ STATIC_EXPORT_DIR: dir });
  });
  beforeEach(async () => {
    await drainStaticExports(t);
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    t.app.get(L1Cache).clear();
    rmSync(join(dir, 'manifest.json'), { force: true });
    catalog = await seedCatalog(t.db);
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportEverything = () => t.app.get(StaticExportService).export(EXPORT_EVERYTHING);
  const manifest = (): StaticManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const filesIn = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' });

  it('writes every resource as a content-addressed file holding exactly what the API serves, and a manifest', async () => {
    const outcome = await exportEverything();

    const files = manifest().files;
    expect(Object.keys(files).sort()).toEqual(
      ['app-config', 'category-tree', 'front-page', ...catalog.productIds.map((id) => `product:${id}`)].sort(),
    );
    expect(outcome.filesWritten + outcome.filesUnchanged).toBe(6);
    const api = await request(t.url).get('/v1/front-page').expect(200);
    expect(files['front-page']).toEqual({ version: api.body.version, file: expect.stringMatching(/^front-page\.[0-9a-f]{16}\.json$/) });
    expect(readFileSync(join(dir, files['front-page'].file), 'utf8')).toBe(api.text);
    expect(files[`product:${catalog.productIds[0]}`].file).toMatch(/^products\/\d+\.[0-9a-f]{16}\.json$/);
    expect(filesIn(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('serves versioned files with a year-long immutable Cache-Control and the manifest with a short one', async () => {
    await exportEverything();
    const file = manifest().files['category-tree'].file;

    const versioned = await request(t.url).get(`/static/${file}`).expect(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers['content-type']).toMatch(/^application\/json/);
    expect(versioned.body.categories).toHaveLength(2);

    const manifestFile = await request(t.url).get('/static/manifest.json').expect(200);
    expect(manifestFile.headers['cache-control']).toBe(`public, max-age=${t.config.staticExport.manifestMaxAgeSeconds}`);
    expect(manifestFile.body.files['category-tree'].file).toBe(file);

    await request(t.url).get('/static/front-page.0000000000000000.json').expect(404);
  });

  it('never shows a reader a partly written manifest or a listed file that is missing, while exports run', async () => {
    await exportEverything();
    let exporting = true;
    const problems: string[] = [];
    const reader = (async () => {
      while (exporting) {
        const text = await readFile(join(dir, 'manifest.json'), 'utf8');
        try {
          const listed = (JSON.parse(text) as StaticManifest).files['front-page'].file;
          await readFile(join(dir, listed), 'utf8');
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    })();

    const resources = t.app.get(FrontPageResources);
    for (let round = 0; round < 15; round++) {
      await t.app.get(HotValueCache).refresh(resources.frontPage); // a new version, so new files
      await exportEverything();
    }
    exporting = false;
    await reader;

    expect(problems).toEqual([]);
    expect(filesIn(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('rewrites the front page file by a queued job after an admin change', async () => {
    await exportEverything();
    const before = manifest().files['front-page'];

    await request(t.url)
      .post('/v1/admin/banners')
      .auth(admin.token, { type: 'bearer' })
      .send({ title: 'Exported', imageUrl: 'https://cdn.example/exported.png' })
      .expect(201);
    const current = await request(t.url).get('/v1/front-page').expect(200);

    await waitUntil(() => Promise.resolve(manifest().files['front-page'].version === current.body.version), 10_000, 50);
    const after = manifest().files['front-page'];
    expect(after.version).toBe(before.version + 1);
    expect(after.file).not.toBe(before.file);
    expect(JSON.parse(readFileSync(join(dir, after.file), 'utf8')).banners[0].title).toBe('Exported');
  });
});
