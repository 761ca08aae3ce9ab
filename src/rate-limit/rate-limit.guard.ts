import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';

/**
 * ThrottlerGuard names its header after the throttler (Retry-After-user); clients and proxies know
 * only the standard Retry-After, so it is set too, in whole seconds.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));

    return super.throwThrottlingException(context, detail);
  }
}
