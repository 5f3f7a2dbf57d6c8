/**
 * Every failure a person can see has a stable `code` and a sentence they can act on. Adapters
 * translate vendor errors into these at the boundary; the edge handler maps them to Slack replies.
 */
export const ErrorCodes = {
  usage: 'COMMAND.USAGE',
  unknownCommand: 'COMMAND.UNKNOWN',
  notAllowed: 'POLICY.NOT_ALLOWED',
  needsApproval: 'POLICY.NEEDS_APPROVAL',
  identityRefused: 'IDENTITY.REFUSED',
  arizeNotFound: 'ARIZE.NOT_FOUND',
  arizeConflict: 'ARIZE.CONFLICT',
  arizeAmbiguous: 'ARIZE.AMBIGUOUS',
  arizeForbidden: 'ARIZE.FORBIDDEN',
  arizeInvalid: 'ARIZE.INVALID',
  arizeRateLimited: 'ARIZE.RATE_LIMITED',
  arizeUnavailable: 'ARIZE.UNAVAILABLE',
  arizeAuthFailed: 'ARIZE.AUTHENTICATION_FAILED',
  arizeNotConfigured: 'ARIZE.NOT_CONFIGURED',
  slackSignature: 'SLACK.BAD_SIGNATURE',
  slackReplay: 'SLACK.REPLAY',
  slackForeign: 'SLACK.FOREIGN_WORKSPACE',
  internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A failure with a stable code, a message fit for a Slack user, and optional next step. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options.hint;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
