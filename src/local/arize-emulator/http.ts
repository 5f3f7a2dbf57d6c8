import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './access.ts';
import { makeProblem, PROBLEM_CONTENT_TYPE } from './problem.ts';
import type { AccountStore } from './store.ts';

/** What a REST handler sees. Handlers are synchronous: the whole account lives in memory. */
export interface RestContext {
  store: AccountStore;
  nowMs: number;
  principal: Principal;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
}

/** A handler's answer; `change` marks a successful state change (mutation log + audit log). */
export interface RestResult {
  status: number;
  body?: unknown;
  change?: { resourceId?: string };
}

export interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path template with `{param}` segments, e.g. `/v2/spaces/{space_id}`. */
  path: string;
  /** Arize's operation name in camelCase (`createSpace`), used by faults and the mutation log. */
  operation: string;
  handler: (ctx: RestContext) => RestResult;
}

interface CompiledRoute extends RestRoute {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: RestRoute;
  params: Record<string, string>;
}

/** Matches method + path against the route table; `allowed` lists methods when only the path matched. */
export function makeRouter(routes: readonly RestRoute[]) {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, regex: new RegExp(`^${pattern}/?$`), names };
  });
  return (method: string, path: string): { match?: RouteMatch; allowed: string[] } => {
    const allowed: string[] = [];
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { match: { route, params }, allowed };
    }
    return { allowed };
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const MAX_BODY = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a JSON response. With `timedFrom` (a performance.now() mark) it adds
 * `Server-Timing: app;dur=…`, the emulator's own time including serialisation (network excluded).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
  timedFrom?: number,
): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  if (timedFrom !== undefined) {
    headers['server-timing'] = `app;dur=${(performance.now() - timedFrom).toFixed(3)}`;
  }
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendProblem(
  res: ServerResponse,
  status: number,
  instance: string,
  detail?: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, makeProblem(status, instance, detail), headers, PROBLEM_CONTENT_TYPE);
}

/** The bearer token of `Authorization: Bearer <key>`, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
