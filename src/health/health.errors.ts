import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

export const HealthErrors = {
  /** Readiness during a graceful shutdown: the load balancer should send no new requests here. */
  shuttingDown: () => new AppError('SHUTTING_DOWN', HttpStatus.SERVICE_UNAVAILABLE, 'Not ready: shutting down').notAFault(),
};
