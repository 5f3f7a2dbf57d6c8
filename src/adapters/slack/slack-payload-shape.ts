/**
 * What makes an interaction payload one Bolt cannot route or answer, or undefined when it is
 * fine: Slack always sends who acted and, for a click on a message, its actions and a
 * response_url. Without this check such a payload (malformed, or forged with a leaked secret)
 * fails inside Bolt with HTTP 500.
 */
export function payloadProblem(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return 'not an object';
  }
  const body = payload as Record<string, unknown>;
  if (typeof body.type !== 'string') return 'no type';
  if (typeof (body.user as { id?: unknown } | null | undefined)?.id !== 'string') return 'no user';
  if (body.type !== 'block_actions') return undefined;
  const actions = body.actions;
  const first: unknown = Array.isArray(actions) ? actions[0] : undefined;
  if (typeof first !== 'object' || first === null) return 'no actions';
  const inView = (body.container as { type?: unknown } | null | undefined)?.type === 'view';
  if (!inView && !isHttpUrl(body.response_url)) return 'no response url';
  return undefined;
}

const isHttpUrl = (value: unknown): boolean =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
