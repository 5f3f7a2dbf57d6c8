import { decodeResourceId, refProblem } from './resource-ids.ts';

/**
 * How a person named a user: an e-mail, an Arize user id, a Slack mention (which the worker turns
 * into an e-mail), or an exact name (resolved only when a developer key is configured).
 */
export type UserRef =
  | { kind: 'email'; email: string }
  | { kind: 'id'; id: string }
  | { kind: 'slack'; slackUserId: string }
  | { kind: 'name'; name: string };

const slackMention = /^<@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?>$/;
const mailtoLink = /^<mailto:([^|<>]+)(?:\|[^<>]*)?>$/;
const emailLike = /^[^\s@<>,]+@[^\s@<>,]+$/;
const emailShape = /^[^\s@<>,]+@[^\s@<>,.]+(?:\.[^\s@<>,.]+)+$/;

/** Reads what a person typed to name a user. Pure: no lookups. */
export function parseUserRef(text: string): UserRef {
  const value = text.trim();
  const mention = slackMention.exec(value);
  if (mention) return { kind: 'slack', slackUserId: mention[1] as string };
  const mailto = mailtoLink.exec(value);
  if (mailto) return { kind: 'email', email: mailto[1] as string };
  if (emailLike.test(value)) return { kind: 'email', email: value };
  if (decodeResourceId(value)) return { kind: 'id', id: value };
  return { kind: 'name', name: value };
}

/** Why `text` cannot name a user, or undefined when it can. */
export function userRefProblem(text: string): string | undefined {
  const ref = parseUserRef(text);
  switch (ref.kind) {
    case 'slack':
      return undefined;
    case 'email':
      return emailShape.test(ref.email)
        ? undefined
        : `"${clip(ref.email)}" is not an e-mail address`;
    case 'id':
      return refProblem(ref.id, 'user');
    case 'name':
      if (ref.name === '') return 'must not be empty';
      if (ref.name.startsWith('@')) {
        return (
          `"${clip(ref.name)}" is not a mention Slack resolved: pick the person from Slack's ` +
          'list so it becomes a link, or use their e-mail'
        );
      }
      if (/[<>]/.test(ref.name)) return `"${clip(ref.name)}" is not a user, e-mail or mention`;
      return undefined;
  }
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
