import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { mapError, toErrorBody } from './error-response';

/** Every error thrown inside Nest (guards, pipes, handlers) leaves through here. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = mapError(exception);

    if (mapped.serverFault) {
      this.logger.error({ err: exception, requestId: request.id, route: request.url }, mapped.message);
    } else {
      this.logger.debug({ code: mapped.code, requestId: request.id }, mapped.message);
    }

    void reply.status(mapped.status).send(toErrorBody(mapped, request.id));
  }
}
