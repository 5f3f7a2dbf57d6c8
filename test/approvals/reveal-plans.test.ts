import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { contextOf, type Harness, stepsOf, useHarness } from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const plan = async (text: string) => {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return stepsOf(parsed.command.operation.id).plan(parsed.command.args, contextOf(h));
};

describe('plans of secret operations', () => {
  it('key create: pins the space and its org, names same-named keys, says when the secret is made', async () => {
    const first = await plan(
      'key create ci-pipeline --space production --org "Acme ML" --role read-only',
    );

    expect(first.args).toMatchObject({ space: expect.any(String), org: expect.any(String) });
    expect(first.plan.effect).toBe(
      'Create service API key ci-pipeline for space production with read-only role, expiring in 90 days.',
    );
    expect(first.plan.preState[0]?.label).toBe('active keys named ci-pipeline');
    expect(first.plan.preState[0]?.value).not.toBe('none');
    expect(first.plan.notes[0]).toContain('created only when the requester clicks Reveal');
    expect(Object.keys(first.plan.projection).sort()).toEqual(['orgId', 'space']);
    const fresh = await plan('key create brand-new --space staging');
    expect(fresh.plan.preState[0]?.value).toBe('none');
  });

  it('key refresh: the key by id with its type and expiry projected, so the never-list sees it', async () => {
    const planned = await plan(
      'key refresh model-monitor --space production --org "Acme ML" --grace 1h',
    );

    expect(planned.plan.effect).toMatch(/old one stops working after 1 hour\.$/);
    expect(planned.plan.apiKeys).toEqual([{ id: planned.args.key, keyType: 'SERVICE' }]);
    expect(planned.plan.projection).toMatchObject({
      key: { name: 'model-monitor', keyType: 'SERVICE', expiresAt: '2030-01-01T00:00:00.000Z' },
    });
    const now = await plan('key refresh ci-pipeline --space production --org "Acme ML"');
    expect(now.plan.effect).toMatch(/old one stops working at once\.$/);
  });

  it.each([
    ['key refresh QXBpS2V5OjE= ', 'Name the key’s space with --space SPACE.'],
    [
      'key refresh nope --space production --org "Acme ML"',
      "No active API key 'nope' in space production.",
    ],
  ])('refuses %s before anyone votes', async (text, message) => {
    await expect(plan(text)).rejects.toThrow(message);
  });
});
