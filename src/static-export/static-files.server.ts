import { mkdirSync } from 'node:fs';

import fastifyStatic from '@fastify/static';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';

import { AppConfig } from '@app/config/app-config';

import { MANIFEST_FILE, StaticFileWriter } from './static-file-writer';

const FOREVER = 'public, max-age=31536000, immutable';

/**
 * Serves the static folder under STATIC_EXPORT_URL_PREFIX (@fastify/static): versioned files
 * with a year-long immutable Cache-Control, the manifest with a short one, so a CDN in front
 * (docker/nginx/static-origin.conf) caches the files forever and picks up a new manifest quickly.
 */
@Injectable()
export class StaticFilesServer implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: StaticFileWriter,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // A standalone application context (the export command) has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;

    mkdirSync(this.writer.root, { recursive: true });
    const manifestCacheControl = `public, max-age=${this.config.staticExport.manifestMaxAgeSeconds}`;
    void fastify.register(fastifyStatic, {
      root: this.writer.root,
      prefix: this.config.staticExport.urlPrefix,
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'ignore',
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.endsWith(`/${MANIFEST_FILE}`) ? manifestCacheControl : FOREVER);
      },
    });
  }
}
