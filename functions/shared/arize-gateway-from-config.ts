import type { Context } from 'aws-lambda';
import {
  type ArizeGatewayAdapter,
  createArizeGateway,
} from '../../src/adapters/arize/arize-gateway.ts';
import { createListIterators } from '../../src/adapters/arize/list-iterators.ts';
import { SecretNames } from '../../src/adapters/secrets/secret-names.ts';
import { type RecordingDeps, recordingNames } from '../../src/app/directory/recording-gateway.ts';
import type { Log, Metrics, SecretSource } from '../../src/app/ports.ts';
import type { WorkerConfig } from '../../src/config.ts';

/**
 * The Arize gateway of a function that holds the Arize keys (worker, scheduled): keys from the
 * secret source (one forced refresh after a 401), retries bounded by the invocation's remaining
 * time.
 */
export function arizeGatewayFrom(
  config: WorkerConfig,
  secrets: SecretSource,
  invocation: { context?: Context },
  log: Log,
  fetchOverride?: typeof fetch,
  metrics?: Metrics,
): ArizeGatewayAdapter {
  return createArizeGateway({
    baseUrl: config.ARIZE_BASE_URL,
    appUrl: config.ARIZE_APP_URL,
    apiKey: () => secrets.get(SecretNames.arizeApiKey),
    refreshApiKey: () => secrets.get(SecretNames.arizeApiKey, { forceFetch: true }),
    developerKey: () => secrets.get(SecretNames.arizeDeveloperKey).catch(() => undefined),
    maxRps: config.ARIZE_MAX_RPS,
    maxConcurrency: config.ARIZE_MAX_CONCURRENCY,
    timeoutMs: config.ARIZE_TIMEOUT_MS,
    remainingTimeMs: () =>
      invocation.context?.getRemainingTimeInMillis() ?? config.ARIZE_TIMEOUT_MS,
    logger: log,
    ...(metrics ? { metrics } : {}),
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
  });
}

/**
 * The worker's gateway: every organization and space it lists, reads, creates, renames or
 * deletes is written to the name directory the request modal suggests from (its list iterators
 * go through the recording calls too).
 */
export function withNameRecording(
  gateway: ArizeGatewayAdapter,
  deps: RecordingDeps,
): { gateway: ArizeGatewayAdapter; settled: () => Promise<void> } {
  const recorded = recordingNames(gateway, deps);
  return {
    gateway: { ...gateway, ...recorded.gateway, ...createListIterators(recorded.gateway) },
    settled: recorded.settled,
  };
}
