import { HttpStatus } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '@app/errors/app-error';

import { ifNoneMatchHits } from './etag';
import { HotEntry } from './hot-entry';

/**
 * Clients may keep the answer but must revalidate it: a revalidation that still holds the
 * current version costs a 304 without a body.
 */
const CLIENT_CACHE_CONTROL = 'public, no-cache';

/**
 * Answers a cacheable GET from a hot entry: 304 with no body when the client already holds this
 * version (If-None-Match, or `?v=<version>` for clients that cannot set headers), else the stored
 * JSON body as it is. The ETag comes from the entry's version, never from hashing the body.
 */
export function sendVersioned(request: FastifyRequest, reply: FastifyReply, entry: HotEntry, clientVersion?: string): void {
  if (entry.body === null) throw AppError.notFound(`${entry.key} does not exist`);

  reply.header('etag', entry.etag).header('cache-control', CLIENT_CACHE_CONTROL);
  const holdsCurrent =
    ifNoneMatchHits(request.headers['if-none-match'], entry.etag) ||
    (entry.version > 0 && clientVersion === String(entry.version));
  if (holdsCurrent) {
    reply.code(HttpStatus.NOT_MODIFIED).send();
    return;
  }

  reply.code(HttpStatus.OK).type('application/json; charset=utf-8').send(entry.body);
}
