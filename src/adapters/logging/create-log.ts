import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { Log } from '../../app/ports.ts';
import { currentCorrelationId } from './correlation.ts';
import { redact } from './redact.ts';

export type LogLevelName = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** The one Powertools logger, wrapped so every field passes through redaction. */
export function createLog(options: { service: string; level: LogLevelName }): {
  logger: Logger;
  log: Log;
} {
  const logger = new Logger({ serviceName: options.service, logLevel: options.level });
  const fields = (data?: Record<string, unknown>) => {
    const correlationId = currentCorrelationId();
    const all = correlationId ? { correlationId, ...data } : data;
    return all ? [redact(all) as Record<string, unknown>] : [];
  };
  // Below the logger's level (`logger.level`, this invocation's) Powertools prints nothing and this
  // logger buffers nothing, so a call returns before redacting its fields: Powertools itself
  // would first read the X-Ray trace id from the environment on every call.
  const enabled = (threshold: number) => threshold >= logger.level;
  const log: Log = {
    debug: (message, data) => {
      if (enabled(LogLevelThreshold.DEBUG)) logger.debug(message, ...fields(data));
    },
    info: (message, data) => {
      if (enabled(LogLevelThreshold.INFO)) logger.info(message, ...fields(data));
    },
    warn: (message, data) => {
      if (enabled(LogLevelThreshold.WARN)) logger.warn(message, ...fields(data));
    },
    error: (message, data) => {
      if (enabled(LogLevelThreshold.ERROR)) logger.error(message, ...fields(data));
    },
  };
  return { logger, log };
}
