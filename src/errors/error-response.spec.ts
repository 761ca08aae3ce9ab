import { BadRequestException, NotFoundException } from '@nestjs/common';

import { AppError } from './app-error';
import { mapError } from './error-response';

describe('mapError', () => {
  it('keeps the code, status and message of an AppError', () => {
    expect(mapError(AppError.conflict('EMAIL_TAKEN', 'taken'))).toMatchObject({
      status: 409,
      code: 'EMAIL_TAKEN',
      message: 'taken',
      serverFault: false,
    });
  });

  it('does not report a 5xx marked as no fault (readiness while draining) as a server fault', () => {
    expect(mapError(AppError.unavailable('Not ready')).serverFault).toBe(true);
    expect(mapError(AppError.unavailable('Not ready').notAFault())).toMatchObject({ status: 503, serverFault: false });
  });

  it('maps framework exceptions by status', () => {
    expect(mapError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(mapError(new BadRequestException('bad'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('turns a refused database or Redis connection into 503', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(mapError(refused)).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', serverFault: true });
    expect(mapError(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toMatchObject({
      status: 503,
    });
  });

  it('hides the message of an unknown error behind a generic 500', () => {
    expect(mapError(new Error('SELECT * FROM secrets failed at line 3'))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      serverFault: true,
    });
  });
});
