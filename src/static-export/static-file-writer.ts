import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';

export const MANIFEST_FILE = 'manifest.json';

export interface StaticManifest {
  generatedAt: string;
  /** Resource key ('front-page', 'product:12', ...) → its current version and file. */
  files: Record<string, { version: number; file: string }>;
}

/**
 * A versioned file still listed by an older manifest may be in a client's or a CDN's hands for a
 * while after a change, so files are pruned only once they have been unlisted this long.
 */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Writes the static folder. Versioned files are content-addressed (`front-page.<hash>.json`), so a
 * name never changes content and a CDN may keep it forever; the manifest is the one mutable file.
 * Every write goes to a temporary dot-file (never served) in the same folder and is renamed into
 * place: a reader sees the old file or the new one, never half of one.
 */
@Injectable()
export class StaticFileWriter {
  readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.staticExport.dir);
  }

  /** Returns the file name for `body` and whether it had to be written. */
  async writeVersioned(resourcePath: string, body: string): Promise<{ file: string; written: boolean }> {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const file = `${resourcePath}.${hash}.json`;
    const target = join(this.root, file);
    if (await exists(target)) return { file, written: false };
    await this.writeAtomically(target, body);

    return { file, written: true };
  }

  async readManifest(): Promise<StaticManifest> {
    const text = await readFile(join(this.root, MANIFEST_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });

    return text === undefined ? { generatedAt: new Date(0).toISOString(), files: {} } : (JSON.parse(text) as StaticManifest);
  }

  async writeManifest(manifest: StaticManifest): Promise<void> {
    await this.writeAtomically(join(this.root, MANIFEST_FILE), JSON.stringify(manifest));
  }

  /** Deletes versioned files that the manifest no longer lists and that are older than a day. */
  async prune(manifest: StaticManifest, now: Date): Promise<number> {
    const listed = new Set(Object.values(manifest.files).map((entry) => entry.file));
    let pruned = 0;
    for (const file of await this.versionedFiles()) {
      if (listed.has(file)) continue;
      const path = join(this.root, file);
      if (now.getTime() - (await stat(path)).mtimeMs < PRUNE_AFTER_MS) continue;
      await unlink(path);
      pruned += 1;
    }

    return pruned;
  }

  private async versionedFiles(): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);

    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.name !== MANIFEST_FILE)
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => join(entry.parentPath, entry.name).slice(this.root.length + 1));
  }

  private async writeAtomically(target: string, content: string): Promise<void> {
    await mkdir(dirname(target), { recursive: true });
    const temporary = join(dirname(target), `.${randomUUID()}.tmp`);
    await writeFile(temporary, content);
    await rename(temporary, target);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}
