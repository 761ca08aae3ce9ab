import { HttpException, HttpStatus } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';

import { AppError } from './app-error';

/** The one JSON shape of every 4xx and 5xx answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  details?: unknown;
}

export interface MappedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** Server faults are logged at error with their stack; client errors are not. */
  serverFault: boolean;
}

/** Codes for errors raised by the framework (routing, body limits, guards of libraries). */
const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'DEPENDENCY_UNAVAILABLE',
};

/** Connection-level failures of pg and ioredis: the dependency is down, not the request wrong. */
const UNAVAILABLE_PATTERNS = [
  /ECONNREFUSED/,
  /ECONNRESET/,
  /ETIMEDOUT/,
  /Connection terminated/i,
  /Connection is closed/i,
  /enableOfflineQueue options is false/,
  /Command timed out/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down)/i,
];

/** The one place that turns any thrown value into a status, a code and a client-safe message. */
export function mapError(error: unknown): MappedError {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details, serverFault: error.isFault };
  }
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError();
    if (zodError instanceof ZodError) return validationFailed(zodError);
  }
  if (error instanceof ZodError) {
    return validationFailed(error);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      message: httpExceptionMessage(error),
      serverFault: status >= 500,
    };
  }
  if (isDependencyFailure(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'A backing service is unavailable, retry shortly',
      serverFault: true,
    };
  }

  return { status: 500, code: 'INTERNAL', message: 'Internal server error', serverFault: true };
}

export function toErrorBody(mapped: MappedError, requestId: string): ErrorBody {
  const body: ErrorBody = { statusCode: mapped.status, error: mapped.code, message: mapped.message, requestId };
  if (mapped.details !== undefined) body.details = mapped.details;

  return body;
}

function validationFailed(error: ZodError): MappedError {
  return {
    status: HttpStatus.BAD_REQUEST,
    code: 'VALIDATION_FAILED',
    message: 'The request is not valid',
    details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    serverFault: false,
  };
}

function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');

  return error.message;
}

export function isDependencyFailure(error: unknown): boolean {
  // Duck-typed rather than `instanceof Error`: driver errors may come from another realm.
  if (typeof error !== 'object' || error === null) return false;
  const { message, code } = error as { message?: unknown; code?: unknown };
  const text = `${typeof message === 'string' ? message : ''} ${typeof code === 'string' ? code : ''}`;

  return UNAVAILABLE_PATTERNS.some((pattern) => pattern.test(text));
}
