import type { View } from '@slack/web-api';
import { plainText } from './block-kit.ts';
import type { SlackModal } from './render-confirmation.ts';

/** Slack ids of the request modal: its callback (also the global shortcut's) and its inputs. */
export const RequestModalIds = {
  callbackId: 'request_access',
  org: 'request-org',
  space: 'request-space',
  role: 'request-role',
  duration: 'request-duration',
  reason: 'request-reason',
  channel: 'request-channel',
} as const;

/** Each input's action id is its block id with `-input`. */
const actionOf = (blockId: string): string => `${blockId}-input`;

type InputId = Exclude<keyof typeof RequestModalIds, 'callbackId'>;

const textInput = (
  id: InputId,
  label: string,
  placeholder: string,
  optional: boolean,
  maxLength: number,
) => ({
  type: 'input',
  block_id: RequestModalIds[id],
  optional,
  label: plainText(label),
  element: {
    type: 'plain_text_input',
    action_id: actionOf(RequestModalIds[id]),
    placeholder: plainText(placeholder),
    max_length: maxLength,
  },
});

/**
 * The request modal: org → space → role → duration → reason, and the conversation its answers
 * are posted in (Slack hands back a response_url for it). Submitting it runs
 * `/arize request space …` exactly as typed.
 */
export function renderRequestModal(): View {
  return requestModalJson() as unknown as View;
}

/** The request modal as JSON (what the stand-in validates). */
export function requestModalJson(): SlackModal {
  return {
    type: 'modal',
    callback_id: RequestModalIds.callbackId,
    title: plainText('Request Arize access'),
    submit: plainText('Request'),
    close: plainText('Cancel'),
    blocks: [
      textInput(
        'org',
        'Organization',
        'the org of the space, when its name is ambiguous',
        true,
        200,
      ),
      textInput('space', 'Space', 'space name or id', false, 200),
      textInput('role', 'Role', 'e.g. read-only or member', false, 40),
      textInput('duration', 'Duration', 'e.g. 4h (at most what the policy allows)', false, 20),
      textInput('reason', 'Reason', 'why you need it (shown to the approvers)', true, 500),
      {
        type: 'input',
        block_id: RequestModalIds.channel,
        label: plainText('Post updates in'),
        element: {
          type: 'conversations_select',
          action_id: actionOf(RequestModalIds.channel),
          default_to_current_conversation: true,
          response_url_enabled: true,
        },
      },
    ],
  };
}

type StateValues = Record<string, Record<string, { value?: unknown; selected_option?: unknown }>>;

/** The typed text of one input, trimmed; undefined when empty or absent. */
function inputText(state: unknown, id: InputId): string | undefined {
  const values = (state as { values?: StateValues } | undefined)?.values;
  const element = values?.[RequestModalIds[id]]?.[actionOf(RequestModalIds[id])];
  const raw =
    element?.value ?? (element?.selected_option as { value?: unknown } | undefined)?.value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A value as one command word: quoted (and its quotes dropped) when it has spaces. */
const word = (value: string): string => {
  const plain = value.replace(/["“”]/g, '');
  return /\s/.test(plain) ? `"${plain}"` : plain;
};

export type RequestModalText =
  | { ok: true; text: string }
  | { ok: false; errors: Record<string, string> };

/**
 * The command the submission stands for, `request space SPACE [--org ORG] --role ROLE --for D
 * [--reason "…"]`, or the errors to show under the fields left empty.
 */
export function requestTextFrom(state: unknown): RequestModalText {
  const space = inputText(state, 'space');
  const role = inputText(state, 'role');
  const duration = inputText(state, 'duration');
  const errors: Record<string, string> = {};
  if (!space) errors[RequestModalIds.space] = 'Name the space (its name or id).';
  if (!role) errors[RequestModalIds.role] = 'Name the role you ask for, e.g. read-only.';
  if (!duration) errors[RequestModalIds.duration] = 'Say how long, e.g. 4h.';
  if (!space || !role || !duration) return { ok: false, errors };
  const org = inputText(state, 'org');
  const reason = inputText(state, 'reason');
  const parts = ['request', 'space', word(space)];
  if (org) parts.push('--org', word(org));
  parts.push('--role', word(role), '--for', word(duration));
  if (reason) parts.push('--reason', `"${reason.replace(/["“”]/g, "'")}"`);
  return { ok: true, text: parts.join(' ') };
}

/**
 * The field a refusal of the typed command is about, by its code or the flag it names; the space
 * field when it names none (the whole request was refused for that space).
 */
export function blockForRefusal(code: string, message: string): string {
  if (code === 'POLICY.ROLE' || /--role\b/.test(message)) return RequestModalIds.role;
  if (code === 'POLICY.DURATION' || /--for\b/.test(message)) return RequestModalIds.duration;
  if (/--org\b/.test(message)) return RequestModalIds.org;
  if (/--reason\b/.test(message)) return RequestModalIds.reason;
  return RequestModalIds.space;
}
