import { HttpStatus } from '@nestjs/common';

/**
 * An expected failure with a stable, machine-readable code and the HTTP status it answers with.
 * Shared codes are built here; each domain module declares its own in `<module>.errors.ts`, so the
 * code, its status and its message sit together in the module that owns them.
 */
export class AppError extends Error {
  /** Logged at error with its stack when true (server faults); a state reported on purpose is not. */
  isFault: boolean;

  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.isFault = Number(status) >= 500;
  }

  /** A 5xx that answers a question rather than reports a failure (readiness while draining). */
  notAFault(): this {
    this.isFault = false;
    return this;
  }

  static validation(message: string, details?: unknown): AppError {
    return new AppError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, message, details);
  }

  static malformedBody(message: string): AppError {
    return new AppError('MALFORMED_BODY', HttpStatus.BAD_REQUEST, message);
  }

  static unauthenticated(message: string): AppError {
    return new AppError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, message);
  }

  static forbidden(message: string): AppError {
    return new AppError('FORBIDDEN', HttpStatus.FORBIDDEN, message);
  }

  static notFound(message: string): AppError {
    return new AppError('NOT_FOUND', HttpStatus.NOT_FOUND, message);
  }

  static conflict(code: string, message: string, details?: unknown): AppError {
    return new AppError(code, HttpStatus.CONFLICT, message, details);
  }

  /** A dependency (PostgreSQL, Redis) did not answer: the client should retry later. */
  static unavailable(message: string, details?: unknown): AppError {
    return new AppError('DEPENDENCY_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, message, details);
  }
}
