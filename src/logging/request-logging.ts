import { FastifyInstance, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import { Logger } from 'pino';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's logger: every line it writes carries the request id. */
    requestLog: Logger | null;
  }
}

/**
 * One access-log line per request, and the request id on every line that Nest code logs while
 * handling it (nestjs-pino's Logger reads the logger from its AsyncLocalStorage store).
 * Server faults at error, client errors at warn, the rest at info.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  fastify.decorateRequest('requestLog', null);

  fastify.addHook('onRequest', (request, _reply, done) => {
    request.requestLog = PinoLogger.root.child({ requestId: request.id });
    done();
  });

  // After body parsing: callbacks of the body stream would not carry an earlier store.
  fastify.addHook('preHandler', (request, _reply, done) => {
    storage.run(new Store(loggerOf(request)), done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    loggerOf(request)[level](
      { method: request.method, url: request.url, status, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
}

function loggerOf(request: FastifyRequest): Logger {
  return request.requestLog ?? PinoLogger.root;
}
