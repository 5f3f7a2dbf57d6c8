import type { Reply } from '../../domain/reply.ts';
import type { ArizeGateway } from '../ports.ts';

/** A secret Arize returned during a reveal: what it is, what it belongs to, and its value. */
export type CapturedSecret =
  | { kind: 'api-key'; keyId: string; keyName: string; refreshed: boolean; value: string }
  | { kind: 'temporary-password'; userId: string; email: string; value: string };

/**
 * Wraps a gateway so every secret it returns (a created or refreshed key, a temporary password)
 * is captured at the boundary where Arize hands it over: the reveal then knows exactly which
 * value to show once, which key to revoke if it cannot be shown, and what to scrub.
 */
export function captureSecrets(gateway: ArizeGateway): {
  gateway: ArizeGateway;
  captured: CapturedSecret[];
} {
  const captured: CapturedSecret[] = [];
  const overrides: Partial<ArizeGateway> = {
    createServiceApiKey: async (input) => {
      const key = await gateway.createServiceApiKey(input);
      captured.push({
        kind: 'api-key',
        keyId: key.id,
        keyName: key.name,
        refreshed: false,
        value: key.key,
      });
      return key;
    },
    refreshApiKey: async (keyId, input) => {
      const key = await gateway.refreshApiKey(keyId, input);
      captured.push({
        kind: 'api-key',
        keyId: key.id,
        keyName: key.name,
        refreshed: true,
        value: key.key,
      });
      return key;
    },
    createUser: async (input) => {
      const result = await gateway.createUser(input);
      if (result.temporaryPassword !== undefined) {
        captured.push({
          kind: 'temporary-password',
          userId: result.user.id,
          email: result.user.email,
          value: result.temporaryPassword,
        });
      }
      return result;
    },
  };
  // Every other call goes to the gateway itself, bound to it (it may be a class instance).
  const wrapped = new Proxy(gateway, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in overrides) {
        return overrides[property as keyof ArizeGateway];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { gateway: wrapped, captured };
}

/** What stands in for a secret anywhere but the modal. */
export const secretPlaceholder = '(shown once in a private window; not kept)';

const scrub = (text: string, secrets: readonly string[]): string =>
  secrets.reduce(
    (out, secret) => (secret === '' ? out : out.split(secret).join(secretPlaceholder)),
    text,
  );

/** The reply with every occurrence of every secret value replaced, wherever it appears. */
export function scrubReply(reply: Reply, secrets: readonly string[]): Reply {
  const s = (text: string) => scrub(text, secrets);
  switch (reply.kind) {
    case 'text':
    case 'progress':
      return { ...reply, text: s(reply.text) };
    case 'error':
      return {
        ...reply,
        message: s(reply.message),
        ...(reply.hint !== undefined ? { hint: s(reply.hint) } : {}),
        ...(reply.usage !== undefined ? { usage: s(reply.usage) } : {}),
      };
    case 'detail':
      return {
        ...reply,
        title: s(reply.title),
        ...(reply.context !== undefined ? { context: s(reply.context) } : {}),
        fields: reply.fields.map((f) => ({ label: s(f.label), value: s(f.value) })),
      };
    case 'list':
      return {
        ...reply,
        title: s(reply.title),
        ...(reply.context !== undefined ? { context: s(reply.context) } : {}),
        items: reply.items.map((item) => ({
          ...item,
          title: s(item.title),
          ...(item.fields
            ? { fields: item.fields.map((f) => ({ label: s(f.label), value: s(f.value) })) }
            : {}),
        })),
      };
  }
}

/** The reply without the fields that hold a secret: what the modal shows beside the secret. */
export function withoutSecretFields(reply: Reply, secrets: readonly string[]): Reply {
  if (reply.kind !== 'detail') return reply;
  const holds = (value: string) =>
    secrets.some((secret) => secret !== '' && value.includes(secret));
  return { ...reply, fields: reply.fields.filter((f) => !holds(f.value) && !holds(f.label)) };
}
