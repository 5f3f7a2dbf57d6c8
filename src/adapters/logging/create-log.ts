import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../../app/ports.ts';
import { redact } from './redact.ts';

export type LogLevelName = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** The one Powertools logger, wrapped so every field passes through redaction. */
export function createLog(options: { service: string; level: LogLevelName }): {
  logger: Logger;
  log: Log;
} {
  const logger = new Logger({ serviceName: options.service, logLevel: options.level });
  const fields = (data?: Record<string, unknown>) =>
    data ? [redact(data) as Record<string, unknown>] : [];
  const log: Log = {
    debug: (message, data) => logger.debug(message, ...fields(data)),
    info: (message, data) => logger.info(message, ...fields(data)),
    warn: (message, data) => logger.warn(message, ...fields(data)),
    error: (message, data) => logger.error(message, ...fields(data)),
  };
  return { logger, log };
}
