import { AppError, ErrorCodes, isAppError } from '../../domain/errors.ts';
import { ArizeHttpError, ArizeTransportError } from './transport-errors.ts';

/** What a failed call was about, so the sentence can name it ("space 'staging'"). */
export interface ErrorContext {
  /** The operation in words: "add the user to the space". */
  action: string;
  /** The thing looked up, for not-found: "space U3BhY2U6MQ==". */
  target?: string;
  /** Strings that must never appear in a message (the API keys in use). */
  secrets?: readonly string[];
}

const MAX_DETAIL = 300;

function clean(text: string | undefined, secrets: readonly string[] = []): string | undefined {
  if (!text) return undefined;
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  out = out
    .replace(/(Bearer\s+)\S+/gi, '$1[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * Turns a vendor or transport failure into an `AppError` with a stable `ARIZE.*` code and a
 * sentence a Slack user can act on. The original error stays as `cause` for the log.
 */
export function translateArizeError(error: unknown, context: ErrorContext): AppError {
  if (isAppError(error)) return error;
  const cause = error;
  if (error instanceof ArizeHttpError) {
    const detail = clean(error.problem.detail ?? error.problem.title, context.secrets);
    const because = detail ? ` Arize said: ${sentence(detail)}` : '';
    switch (error.status) {
      case 400:
      case 422:
        return new AppError(
          ErrorCodes.arizeInvalid,
          `Arize rejected the request to ${context.action}.${because}`,
          { cause, hint: 'Check the names, roles and values in the command.' },
        );
      case 401:
        return new AppError(
          ErrorCodes.arizeAuthFailed,
          `Arize did not accept the bot's API key (even after re-reading it), so it could not ${context.action}.`,
          { cause, hint: 'An admin must update the Arize API key secret (ARIZE_API_KEY).' },
        );
      case 403:
        return new AppError(
          ErrorCodes.arizeForbidden,
          `The bot's Arize user is not allowed to ${context.action}.${because}`,
          { cause, hint: 'Ask an Arize account admin to grant the bot user the needed role.' },
        );
      case 404:
        return new AppError(
          ErrorCodes.arizeNotFound,
          `Arize could not find ${context.target ?? 'what was asked for'}, so it could not ${context.action}.`,
          { cause, hint: 'Check the spelling, or use the id from a list command.' },
        );
      case 409:
        return new AppError(
          ErrorCodes.arizeConflict,
          `Arize refused to ${context.action} because it conflicts with something that already exists.${because}`,
          { cause, hint: 'Pick another name, or act on the existing one.' },
        );
      case 429: {
        const wait = error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : 60;
        return new AppError(
          ErrorCodes.arizeRateLimited,
          `Arize is rate limiting the bot, so it could not ${context.action}. Try again in about ${wait} s.`,
          { cause },
        );
      }
      default:
        return unavailable(context, error.outcomeUnknown, cause);
    }
  }
  if (error instanceof ArizeTransportError) {
    return unavailable(context, error.outcomeUnknown, cause);
  }
  return new AppError(
    ErrorCodes.arizeUnavailable,
    `Talking to Arize failed while trying to ${context.action}.`,
    {
      cause,
      hint: 'Try again in a minute; if it keeps failing, check the bot logs.',
    },
  );
}

function unavailable(context: ErrorContext, outcomeUnknown: boolean, cause: unknown): AppError {
  if (outcomeUnknown) {
    return new AppError(
      ErrorCodes.arizeUnavailable,
      `Arize did not answer in time while trying to ${context.action}; it may or may not have happened.`,
      { cause, hint: 'Check the current state (a list or get command) before trying again.' },
    );
  }
  return new AppError(
    ErrorCodes.arizeUnavailable,
    `Arize is unavailable right now, so the bot could not ${context.action}.`,
    { cause, hint: 'Try again in a minute.' },
  );
}

/** Runs one Arize call and translates whatever it throws. */
export async function translating<T>(context: ErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateArizeError(error, context);
  }
}
