import type { View } from '@slack/web-api';
import type {
  RequestField,
  RequestForm,
  RequestPicks,
} from '../../app/request-form/request-form.ts';
import type { Suggestion } from '../../domain/directory/name-directory.ts';
import { roleText } from '../../domain/policy/self-service.ts';
import { durationInWords } from '../../domain/words.ts';
import { type Block, plainText } from './block-kit.ts';
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

type InputId = Exclude<keyof typeof RequestModalIds, 'callbackId'>;

/** Each input's action id is its block id with `-input`. */
export const actionOf = (id: InputId): string => `${RequestModalIds[id]}-input`;

/** A select's option: its text is plain text, cut to Slack's 75 characters. */
const option = (suggestion: Suggestion) => ({
  text: plainText(suggestion.label, 75),
  value: suggestion.value,
});

/** The options Slack shows for a block_suggestion. */
export const suggestionOptions = (suggestions: readonly Suggestion[]) => suggestions.map(option);

const input = (id: InputId, label: string, element: Record<string, unknown>, extra = {}) => ({
  type: 'input',
  block_id: RequestModalIds[id],
  label: plainText(label, 2000),
  element: { action_id: actionOf(id), ...element },
  ...extra,
});

const staticSelect = (placeholder: string, options: Suggestion[]) => ({
  type: 'static_select',
  placeholder: plainText(placeholder, 150),
  options: options.map(option),
  // One choice: picked already.
  ...(options.length === 1 && options[0] ? { initial_option: option(options[0]) } : {}),
});

const emptyDirectoryNote =
  'No organization or space names are known yet: arize-ops reads them from Arize every 15 ' +
  'minutes and whenever someone lists spaces. Try again in a few minutes, or type ' +
  '/arize request space SPACE --role ROLE --for 4h.';

/** What the view carries between the org pick and the space suggestions: the org picked. */
interface RequestMetadata {
  orgId?: string;
}

/** The org picked, from the view's private metadata (set when the org select changed). */
export function pickedOrgOf(view: { private_metadata?: unknown } | undefined): string | undefined {
  if (typeof view?.private_metadata !== 'string' || view.private_metadata === '') return undefined;
  try {
    const metadata = JSON.parse(view.private_metadata) as RequestMetadata;
    return typeof metadata.orgId === 'string' ? metadata.orgId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request modal: org → space (both suggested live from the name directory) → role →
 * duration (what the person's self-service rules allow) → reason, and the conversation its
 * answers are posted in (Slack hands back a response_url for it). Picking the org narrows the
 * spaces to it (the modal is redrawn with the org in its metadata).
 */
export function renderRequestModal(form: RequestForm): View {
  return requestModalJson(form) as unknown as View;
}

/** The request modal as JSON (what the stand-in validates). */
export function requestModalJson(form: RequestForm): SlackModal {
  const title = plainText('Request Arize access', 24);
  if (form.kind === 'not-admitted') {
    return {
      type: 'modal',
      callback_id: RequestModalIds.callbackId,
      title,
      close: plainText('Close', 24),
      blocks: [{ type: 'section', text: plainText(form.text) }],
    };
  }
  const orgOption = form.org ? option({ value: form.org.id, label: form.org.name }) : undefined;
  const blocks: Block[] = [
    ...(form.directoryEmpty
      ? [{ type: 'context', elements: [plainText(emptyDirectoryNote)] }]
      : []),
    input(
      'org',
      'Organization',
      {
        type: 'external_select',
        placeholder: plainText('type part of its name (optional)', 150),
        min_query_length: 0,
        ...(orgOption ? { initial_option: orgOption } : {}),
      },
      { optional: true, dispatch_action: true },
    ),
    input('space', 'Space', {
      type: 'external_select',
      placeholder: plainText(
        form.org ? `a space of ${form.org.name}` : 'type part of its name',
        150,
      ),
      min_query_length: 0,
    }),
    input(
      'role',
      'Role',
      staticSelect(
        'the role you ask for',
        form.choices.roles.map((role) => ({ value: role, label: roleText(role) })),
      ),
    ),
    input(
      'duration',
      'Duration',
      staticSelect(
        'how long',
        form.choices.durations.map((seconds) => ({
          value: String(seconds),
          label: durationInWords(seconds),
        })),
      ),
    ),
    input(
      'reason',
      'Reason',
      {
        type: 'plain_text_input',
        placeholder: plainText('why you need it (shown to the approvers)', 150),
        max_length: 500,
      },
      { optional: true },
    ),
    input('channel', 'Post updates in', {
      type: 'conversations_select',
      default_to_current_conversation: true,
      response_url_enabled: true,
    }),
  ];
  return {
    type: 'modal',
    callback_id: RequestModalIds.callbackId,
    title,
    submit: plainText('Request', 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify(form.org ? { orgId: form.org.id } : {}),
    blocks,
  };
}

type StateValues = Record<string, Record<string, { value?: unknown; selected_option?: unknown }>>;

/** The value of one input (typed, or the selected option's), trimmed; undefined when empty. */
export function inputValue(state: unknown, id: InputId): string | undefined {
  const values = (state as { values?: StateValues } | undefined)?.values;
  const element = values?.[RequestModalIds[id]]?.[actionOf(id)];
  const raw =
    element?.value ?? (element?.selected_option as { value?: unknown } | undefined)?.value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** What the submission picked, read from the view's state. */
export function picksFrom(state: unknown): RequestPicks {
  const seconds = Number(inputValue(state, 'duration'));
  const picks: RequestPicks = {};
  const orgId = inputValue(state, 'org');
  const spaceId = inputValue(state, 'space');
  const role = inputValue(state, 'role');
  const reason = inputValue(state, 'reason');
  if (orgId) picks.orgId = orgId;
  if (spaceId) picks.spaceId = spaceId;
  if (role) picks.role = role;
  if (Number.isInteger(seconds) && seconds > 0) picks.duration = seconds;
  if (reason) picks.reason = reason;
  return picks;
}

/** The app layer's field errors under Slack's block ids. */
export const errorsByBlock = (errors: Partial<Record<RequestField, string>>) =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      RequestModalIds[field as RequestField],
      (message ?? '').slice(0, 2000),
    ]),
  );

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
