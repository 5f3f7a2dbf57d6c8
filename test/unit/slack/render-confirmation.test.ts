import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfirmationIds,
  renderModalJson,
  typedValue,
} from '../../../src/adapters/slack/render-confirmation.ts';
import type { TypedConfirmationView } from '../../../src/app/modal-view.ts';
import { validateView } from '../../../src/local/slack-standin/validate-blocks.ts';
import { untrusted } from './reply-arbitraries.ts';

const view = (
  name: string,
  overrides: Partial<TypedConfirmationView> = {},
): TypedConfirmationView => ({
  kind: 'typed-confirmation',
  requestId: 'R1ABC',
  effect: `Delete organization ${name} (T3Jn) and all its spaces. Irreversible.`,
  targets: [{ label: 'organization', value: `${name} (T3Jn)` }],
  cascades: [`deletes 1 space(s): ${name}`],
  notes: ['a note'],
  approvals: { count: 1, quorum: 2 },
  confirmation: { label: 'organization name', expected: name },
  ...overrides,
});

/** Every text object of the modal, wherever it sits. */
const textObjects = (node: unknown): { type: string; text: string }[] => {
  if (Array.isArray(node)) return node.flatMap(textObjects);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if (record.type === 'plain_text' || record.type === 'mrkdwn') {
    return [{ type: String(record.type), text: String(record.text) }];
  }
  return Object.values(record).flatMap(textObjects);
};

describe('the typed-confirmation modal', () => {
  it('shows the plan, the approvals so far, the name to type and one text input', () => {
    const modal = renderModalJson(view('Research Lab'));

    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: ConfirmationIds.callbackId,
      private_metadata: 'R1ABC',
      title: { type: 'plain_text', text: 'Confirm approval' },
      submit: { type: 'plain_text', text: 'Approve' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    expect(modal.blocks.map((b) => b.type)).toEqual([
      'section',
      'section',
      'context',
      'context',
      'context',
      'section',
      'input',
    ]);
    expect(modal.blocks.at(-1)).toEqual({
      type: 'input',
      block_id: 'typed-confirmation',
      label: { type: 'plain_text', text: 'Organization name', emoji: false },
      element: {
        type: 'plain_text_input',
        action_id: 'typed-confirmation-input',
        placeholder: { type: 'plain_text', text: 'Research Lab', emoji: false },
      },
    });
    const texts = textObjects(modal.blocks).map((t) => t.text);
    expect(texts).toContain('1 of 2 approvals so far.');
    expect(texts).toContain('Type the organization name “Research Lab” to approve.');
    expect(validateView(modal)).toEqual([]);
  });

  it('keeps every string from Arize in plain_text and within Slack’s limits', () => {
    fc.assert(
      fc.property(untrusted, (name) => {
        const modal = renderModalJson(view(name));
        expect(textObjects(modal).every((t) => t.type === 'plain_text')).toBe(true);
        expect(validateView(modal)).toEqual([]);
      }),
    );
  });

  it('splits more than ten targets over sections of at most ten fields', () => {
    const targets = Array.from({ length: 12 }, (_, i) => ({ label: 'space', value: `s${i}` }));
    const modal = renderModalJson(view('Lab', { targets }));

    expect(validateView(modal)).toEqual([]);
    expect(textObjects(modal.blocks).filter((t) => t.text.startsWith('space'))).toHaveLength(12);
  });

  it('renders a notice with a Close button and no submit', () => {
    const modal = renderModalJson({ kind: 'notice', title: 'Approval recorded', text: 'Counted.' });

    expect(modal.submit).toBeUndefined();
    expect(modal.close).toMatchObject({ text: 'Close' });
    expect(validateView(modal)).toEqual([]);
  });

  it('reads the typed value from a view_submission state, and nothing from another shape', () => {
    const state = {
      values: { 'typed-confirmation': { 'typed-confirmation-input': { value: 'Lab' } } },
    };

    expect(typedValue(state)).toBe('Lab');
    expect(typedValue({ values: {} })).toBeUndefined();
    expect(typedValue(undefined)).toBeUndefined();
    expect(
      typedValue({
        values: { 'typed-confirmation': { 'typed-confirmation-input': { value: null } } },
      }),
    ).toBeUndefined();
  });
});
