import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  request,
  stepsOf,
  TEAM,
  useCases,
  useHarness,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const plan = async (text: string) => {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return stepsOf(parsed.command.operation.id).plan(parsed.command.args, contextOf(h));
};

describe('plans read live state and pin every target to its id', () => {
  it('space delete: the space by id, members and keys as cascades, name and visibility projected', async () => {
    const planned = await plan('space delete staging');
    const id = String(planned.args.space);

    expect(planned.args).toEqual({ space: id });
    expect(planned.plan.effect).toBe(
      `Delete space staging (${id}) with everything in it. Irreversible.`,
    );
    expect(planned.plan.cascades[0]).toMatch(
      /^deletes space staging: \d+ members \(GraphQL\), \d+ active API keys/,
    );
    expect(planned.plan.projection).toEqual({ space: { id, name: 'staging', isPrivate: false } });
  });

  it('org add-user: says the current org role is not readable and names the subjects', async () => {
    const planned = await plan('org add-user "Acme ML" frank@example.com --role admin');

    expect(planned.plan.preState).toEqual([{ label: 'current org role', value: 'not readable' }]);
    expect(planned.plan.notes[0]).toContain('current org role: not readable');
    expect(planned.plan.subjects.map((s) => s.email)).toEqual(['frank@example.com']);
    expect(planned.args.users).toEqual([planned.plan.subjects[0]?.arizeUserId]);
  });

  it('space add-user: current space roles of the users, read through GraphQL', async () => {
    const planned = await plan('space add-user carol@example.com --space staging --role admin');
    const preState = planned.plan.preState.map((f) => f.label);

    expect(preState).toEqual(['current roles in staging']);
    expect(planned.plan.projection).toHaveProperty('roles');
    expect(planned.plan.subjects.map((s) => s.email)).toEqual(['carol@example.com']);
  });

  it('user update --developer: the account role and developer access before', async () => {
    const planned = await plan('user update frank@example.com --developer false');

    expect(planned.plan.effect).toBe('Update user frank@example.com: developer access yes → no.');
    expect(planned.plan.projection).toMatchObject({ user: { email: 'frank@example.com' } });
  });

  it('org delete: the spaces it takes with it', async () => {
    const planned = await plan('org delete "Research Lab"');

    expect(planned.plan.cascades[0]).toMatch(/^deletes 2 space\(s\): /);
    expect(planned.plan.projection).toMatchObject({ org: { name: 'Research Lab' } });
  });

  it('gives the same projection when planned again from the pinned arguments', async () => {
    for (const text of [
      'space delete staging',
      'org add-user "Acme ML" frank@example.com --role admin',
      'space remove-user dave@example.com --space production --org "Acme ML"',
      'user delete frank@example.com',
    ]) {
      const first = await plan(text);
      const parsed = parseCommand(text, catalogue);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const again = await stepsOf(parsed.command.operation.id).plan(first.args, contextOf(h));

      expect(again.plan.projection, text).toEqual(first.plan.projection);
    }
  });
});

describe('approved grants run on the pinned ids', () => {
  it('space add-user runs once after bob approves', async () => {
    const { request: req } = await request(
      h,
      'space add-user frank@example.com --space staging --role read-only',
    );
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: { teamId: TEAM, userId: 'U0BOB0001' },
    });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));

    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
    expect(h.emulator.mutations()).toHaveLength(1);
    expect(h.replies.at(-1)?.target).toMatchObject({
      kind: 'response-url',
      replaceOriginal: false,
    });
  });
});

describe('key revoke plans', () => {
  it('reads the key in its space; last use is not projected', async () => {
    const planned = await plan('key revoke ci-pipeline --space production --org "Acme ML"');

    expect(planned.plan.apiKeys).toEqual([{ id: planned.args.key, keyType: 'SERVICE' }]);
    expect(planned.plan.projection).toEqual({
      key: { id: planned.args.key, name: 'ci-pipeline', keyType: 'SERVICE', status: 'ACTIVE' },
      space: planned.args.space,
    });
    expect(JSON.stringify(planned.plan.projection)).not.toContain('lastUsed');
  });

  it('needs --space, so that the key type can be checked', async () => {
    await expect(plan('key revoke ci-pipeline')).rejects.toThrow('--space SPACE');
  });
});

describe('user invite plans', () => {
  it('names the invitee as the subject and records whether the e-mail is already a user', async () => {
    const fresh = await plan('user invite new.admin@example.com --name New --role admin');
    const known = await plan('user invite frank@example.com --name Frank --role admin');

    expect(fresh.plan.subjects).toEqual([{ email: 'new.admin@example.com' }]);
    expect(fresh.plan.preState).toEqual([{ label: 'existing Arize user', value: 'none' }]);
    expect(known.plan.preState[0]?.value).toMatch(/ \(invited\)$/);
    expect(known.plan.projection).toMatchObject({ existing: { email: 'frank@example.com' } });
  });
});

describe('space update plans', () => {
  it('making a space public: visibility before, the cascade, pinned to the id', async () => {
    const planned = await plan('space update staging --private false');

    expect(planned.args).toEqual({ private: false, space: planned.args.space });
    expect(planned.plan.effect).toMatch(/^Update space staging \(.+\): visibility → public\.$/);
    expect(planned.plan.cascades).toEqual(['everyone in its organization will see the space']);
  });
});
