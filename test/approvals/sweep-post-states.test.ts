import { describe, expect, it } from 'vitest';
import { approvedCommand } from '../../src/app/approvals/execution-steps.ts';
import { readPostState } from '../../src/app/approvals/post-states.ts';
import { executors } from '../../src/app/operations/executors.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import {
  contextOf,
  type Harness,
  makePolicy,
  request,
  stepsOf,
  useHarness,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const secretPolicy = makePolicy({
  requesters: {
    read: ['U0ALICE01'],
    write: ['U0ALICE01'],
    privilege: ['U0ALICE01'],
    destructive: ['U0ALICE01'],
    secret: ['U0ALICE01'],
  },
});

/** Reads the post-state of a prepared request before and after its executor runs. */
async function beforeAndAfter(text: string) {
  const { request: req } = await request(h, text, secretPolicy);
  const command = approvedCommand({ catalogue, executors }, req);
  if (!command) throw new Error(`no operation ${req.operationId}`);
  const { args, executor, steps } = command;
  const before = await readPostState(steps.postState, args, contextOf(h));
  const reply = await executor(args, contextOf(h));
  expect(reply.kind).not.toBe('error');
  const after = await readPostState(steps.postState, args, contextOf(h));
  return { before, after };
}

describe('post-state checks: what success looks like, read back from Arize', () => {
  it.each([
    'space delete staging',
    'space update staging --private true',
    'space add-user dave@example.com --space staging --role admin',
    'space remove-user erin@example.com --space staging',
    'org delete "Research Lab"',
    'user delete heidi@example.com',
    'user update dave@example.com --developer false',
    'user invite jo@example.com --name "Jo Park" --role admin',
    'key revoke ci-pipeline --space production --org "Acme ML"',
  ])('%s: not reached before, reached after', async (text) => {
    expect(await beforeAndAfter(text)).toEqual({ before: 'not-reached', after: 'reached' });
  });

  it.each([
    'org add-user "Research Lab" dave@example.com --role read-only',
    'key create ingest --space staging',
  ])('%s: cannot be told (org roles and secrets are not readable)', async (text) => {
    expect(await beforeAndAfter(text)).toEqual({ before: 'unknown', after: 'unknown' });
  });

  it('says "unknown" for space roles when GraphQL cannot be read', async () => {
    const { request: req } = await request(
      h,
      'space add-user dave@example.com --space staging --role admin',
    );
    const ctx = contextOf(h);
    const failing = {
      ...ctx,
      gateway: {
        ...ctx.gateway,
        listSpaceMembers: async () => {
          throw new Error('no developer key');
        },
      },
    };
    expect(await readPostState(stepsOf(req.operationId).postState, req.args, failing)).toBe(
      'unknown',
    );
  });
});
