import type { ApiErrorBody } from '@/lib/load/types';
import type { UpstreamErrorCode } from '@/lib/load/types';

// The one error type of our HTTP API and its one body shape. Anything else thrown in a handler
// becomes a generic 500: no upstream detail, stack or secret reaches a client by accident.

export type ApiErrorCode = ApiErrorBody['error']['code'];

// Next bundles each route (and the start-up code) separately, so an ApiError thrown by an object made
// in one bundle (the shared runtime's access check) is another class in the next: it carries a brand
// that every copy of the class recognises.
const BRAND = Symbol.for('chatload.ApiError');

export class ApiError extends Error {
  readonly [BRAND] = true;
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** Whether `error` is an ApiError from any bundle's copy of this class. */
  static is(error: unknown): error is ApiError {
    return typeof error === 'object' && error !== null && (error as { [BRAND]?: boolean })[BRAND] === true;
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, 'bad_request', message);
  }

  static unauthorized(message: string, code: 'unauthorized' | 'display_revoked' = 'unauthorized'): ApiError {
    return new ApiError(401, code, message);
  }

  static forbidden(message: string, code: 'forbidden' | 'cross_origin' = 'forbidden'): ApiError {
    return new ApiError(403, code, message);
  }

  static notFound(message: string): ApiError {
    return new ApiError(404, 'not_found', message);
  }

  static conflict(message: string): ApiError {
    return new ApiError(409, 'conflict', message);
  }

  static payloadTooLarge(message: string): ApiError {
    return new ApiError(413, 'payload_too_large', message);
  }

  static upstream(status: 502 | 504, code: UpstreamErrorCode, message: string, detail?: string): ApiError {
    return new ApiError(status, code, message, detail);
  }
}

export function errorBody(code: ApiErrorCode, message: string, detail?: string): ApiErrorBody {
  return { error: { code, message, ...(detail ? { detail } : {}) } };
}
