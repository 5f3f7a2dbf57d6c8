import type { ServerResponse } from 'node:http';
import { faultConfigSchema } from '../faults.ts';
import { sendJson, sendProblem } from '../http.ts';
import type { EmulatorRuntime } from '../runtime.ts';

type AdminHandler = (
  runtime: EmulatorRuntime,
  body: unknown,
  res: ServerResponse,
  path: string,
) => void;

const handlers: Record<string, AdminHandler> = {
  'GET /_emulator/health': (_rt, _body, res) => sendJson(res, 200, { ok: true }),
  'POST /_emulator/reset': (rt, _body, res) => {
    rt.reset();
    sendJson(res, 204, undefined);
  },
  'GET /_emulator/mutations': (rt, _body, res) => sendJson(res, 200, { mutations: rt.mutations() }),
  'GET /_emulator/faults': (rt, _body, res) => sendJson(res, 200, rt.faults.get()),
  'DELETE /_emulator/faults': (rt, _body, res) => {
    rt.faults.set({});
    sendJson(res, 204, undefined);
  },
  'POST /_emulator/faults': (rt, body, res, path) => {
    const parsed = faultConfigSchema.safeParse(body ?? {});
    if (!parsed.success) {
      sendProblem(res, 400, path, parsed.error.issues[0]?.message);
      return;
    }
    rt.faults.set(parsed.data);
    sendJson(res, 200, rt.faults.get());
  },
  'POST /_emulator/seed': (rt, body, res, path) => {
    try {
      rt.seedFrom(body as never);
      sendJson(res, 204, undefined);
    } catch (error) {
      sendProblem(res, 400, path, error instanceof Error ? error.message : String(error));
    }
  },
};

/** `/_emulator/*`: test control endpoints. They need no auth and never fault. */
export function handleAdmin(
  runtime: EmulatorRuntime,
  method: string,
  path: string,
  rawBody: string,
  res: ServerResponse,
): void {
  const key = `${method} ${path.replace(/\/$/, '')}`;
  const handler = handlers[key];
  if (!handler) {
    sendProblem(res, 404, path, `No emulator admin endpoint ${key}.`);
    return;
  }
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
  } catch {
    sendProblem(res, 400, path, 'The request body is not valid JSON.');
    return;
  }
  handler(runtime, body, res, path);
}
