/**
 * The one error type the domain throws. `code` decides what a person is told (USER_MESSAGES);
 * `detail` is for logs and the command line only.
 */
export const USER_MESSAGES = {
  bad_request: 'The request is not valid.',
  unauthenticated: 'Please sign in.',
  forbidden: 'You do not have access to this.',
  not_found: 'Not found.',
  conflict: 'This conflicts with the current state. Reload and try again.',
  invalid_credentials: 'Email or password is incorrect.',
  duplicate_email: 'A login with this email already exists.',
  stale_version: 'Your claim changed since you loaded this page. Please review the new version.',
  idempotency_conflict: 'This request was already made with different content.',
  unbalanced: 'The ledger transaction does not balance.',
  import_failed: 'The snapshot bundle was refused.',
  four_eyes: 'A different finance user than the one who made this must approve it.',
  overpay: 'This would pay more than is outstanding.',
  internal: 'Something went wrong on our side. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof USER_MESSAGES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(detail ?? USER_MESSAGES[code]);
    this.name = 'AppError';
  }

  /** What may be shown to the person who made the request. */
  get userMessage(): string {
    return this.detail ?? USER_MESSAGES[this.code];
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_credentials: 401,
  duplicate_email: 409,
  stale_version: 409,
  idempotency_conflict: 409,
  unbalanced: 422,
  import_failed: 422,
  four_eyes: 403,
  overpay: 409,
  internal: 500,
};
