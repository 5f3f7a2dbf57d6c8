import { createClient } from '@arizeai/ax-client';
import {
  type ArizeEmulator,
  type ArizeEmulatorOptions,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';

export type AxClient = ReturnType<typeof createClient>;

/** Where a conformance suite runs: a fresh emulator or a real Arize account. */
export interface ConformanceTarget {
  kind: 'emulator' | 'live';
  baseUrl: string;
  apiKey: string;
  client: AxClient;
  close(): Promise<void>;
}

export interface EmulatorTarget extends ConformanceTarget {
  kind: 'emulator';
  emulator: ArizeEmulator;
  /** A client authenticated with another raw key (e.g. DEMO_USER_KEYS.bob). */
  clientFor(apiKey: string): AxClient;
}

export async function startEmulatorTarget(
  options: ArizeEmulatorOptions = {},
): Promise<EmulatorTarget> {
  const emulator = await startArizeEmulator(options);
  const apiKey = options.adminApiKey ?? DEMO_ADMIN_API_KEY;
  return {
    kind: 'emulator',
    baseUrl: emulator.url,
    apiKey,
    emulator,
    client: createClient({ baseUrl: emulator.url, apiKey }),
    clientFor: (key) => createClient({ baseUrl: emulator.url, apiKey: key }),
    close: () => emulator.close(),
  };
}

/** The live target, when ARIZE_BASE_URL and ARIZE_API_KEY are both set. */
export function liveTargetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ConformanceTarget | undefined {
  const baseUrl = env.ARIZE_BASE_URL;
  const apiKey = env.ARIZE_API_KEY;
  if (!baseUrl || !apiKey) return undefined;
  return {
    kind: 'live',
    baseUrl: baseUrl.replace(/\/$/, ''),
    apiKey,
    client: createClient({ baseUrl, apiKey }),
    close: async () => {},
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: raw wire JSON, asserted field by field
  body: any;
}

/** A raw HTTP call (fetch), to pin statuses, headers and bodies the typed client hides. */
export async function raw(
  target: Pick<ConformanceTarget, 'baseUrl' | 'apiKey'>,
  method: string,
  path: string,
  options: {
    key?: string | null;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const key = options.key === undefined ? target.apiKey : options.key;
  const headers: Record<string, string> = { ...options.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Expects a rejected ax-client call to carry this HTTP status (typed errors expose `statusCode`). */
export async function statusOf(promise: Promise<unknown>): Promise<number | string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return typeof status === 'number'
      ? status
      : `${(error as Error).name}: ${(error as Error).message}`;
  }
}
