import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { encodeResourceId } from '../../../src/domain/operations/resource-ids.ts';
import { type ArizeEmulator, startArizeEmulator } from '../../../src/local/arize-emulator/index.ts';
import {
  fixedNow,
  type RunOptions,
  replyText,
  requester,
  runCommand,
} from './catalogue-harness.ts';

let emulator: ArizeEmulator;
let acme: { orgId: string; orgName: string };
let acmeProduction: string;
let fraud: string;

beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0, now: () => fixedNow });
  const org = await runCommand(emulator, 'org list --name acme');
  if (org.reply.kind !== 'list') throw new Error('no orgs');
  acme = { orgId: org.reply.items[0]?.id as string, orgName: 'Acme ML' };
  const spaces = await runCommand(emulator, 'space list --org "Acme ML"');
  if (spaces.reply.kind !== 'list') throw new Error('no spaces');
  acmeProduction = spaces.reply.items.find((i) => i.title === 'production')?.id as string;
  fraud = spaces.reply.items.find((i) => i.title === 'fraud-detection')?.id as string;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const refusal = async (text: string, options: RunOptions = {}): Promise<AppError> => {
  const error = await runCommand(emulator, text, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(emulator.mutations()).toEqual([]);
  return error as AppError;
};

const shown = async (text: string, options: RunOptions = {}) =>
  replyText((await runCommand(emulator, text, options)).reply);

describe('targets from context', () => {
  it.each([
    ['space delete production', 'ARIZE.AMBIGUOUS'],
    ['key create ci --space production', 'ARIZE.AMBIGUOUS'],
    ['space remove-user bob@example.com --space production', 'ARIZE.AMBIGUOUS'],
  ])('never uses the context for %s', async (text, code) => {
    const error = await refusal(text, { context: acme });
    expect(error.code).toBe(code);
  });

  it.each([
    ['space get', 'Which space? Name it with SPACE.'],
    ['space members', 'Which space? Name it with SPACE.'],
    ['key list', 'Which space? Name it with --space SPACE.'],
    ['space create lab', 'Which organization? Name it with --org ORG.'],
    ['org get', 'Which organization? Name it with ORG.'],
    ['url model TW9kZWw6MQ==', 'Which space? Name it with --space SPACE.'],
    ['space add-user bob@example.com --role member', 'Which space? Name it with --space SPACE.'],
  ])('asks for the target of %s without a context', async (text, message) => {
    const error = await refusal(text);
    expect(error.code).toBe('COMMAND.USAGE');
    expect(error.message).toBe(message);
    expect(error.hint).toContain('/arize use');
  });

  it('uses the context space for an add-user without --space, and says so', async () => {
    const text = await shown('space add-user bob@example.com --role read-only', {
      context: { ...acme, spaceId: fraud, spaceName: 'fraud-detection' },
    });
    expect(text).toContain('Bob Approver (bob@example.com) → fraud-detection');
    expect(text).toContain('(from your context)');
    expect(emulator.mutations().map((m) => m.operation)).toEqual(['addSpaceUser']);
  });

  it('lists spaces of all organizations without a context', async () => {
    const text = await shown('space list');
    expect(text).toContain('in all organizations');
    expect(text).not.toContain('from your context');
  });
});

describe('org create is resumable', () => {
  it('keeps the organization when the first space fails, and finishes on a second run', async () => {
    emulator.setFaults({
      routes: [{ match: { operation: 'createSpace' }, errorRate: 1, errorStatus: 503 }],
    });
    const first = await runCommand(emulator, 'org create Vision --space images');
    const firstText = replyText(first.reply);
    expect(firstText).toContain('Organization Vision is ready; its first space is not');
    expect(firstText).toContain('step 2: first space: failed: ');
    expect(firstText).toContain('Run the same command again to finish');
    expect(emulator.mutations().map((m) => m.operation)).toEqual(['createOrganization']);
    emulator.setFaults({});
    const second = await runCommand(emulator, 'org create Vision --space images');
    const secondText = replyText(second.reply);
    expect(secondText).toContain('step 1: organization: already there, kept: Vision');
    expect(secondText).toContain('step 2: first space: created: images');
    expect(emulator.mutations().map((m) => m.operation)).toEqual([
      'createOrganization',
      'createSpace',
    ]);
    expect(second.store.savedFor(requester)).toMatchObject({
      orgName: 'Vision',
      spaceName: 'images',
    });
  });

  it('changes nothing when both steps are already done', async () => {
    const text = await shown('org create "Acme ML" --space staging');
    expect(text).toContain('step 1: organization: already there, kept: Acme ML');
    expect(text).toContain('step 2: first space: already there, kept: staging');
    expect(emulator.mutations()).toEqual([]);
  });
});

describe('people', () => {
  it('refuses a Slack mention where Slack cannot be asked', async () => {
    const error = await refusal('user get <@UBOB>', { slack: false });
    expect(error.message).toBe(
      'Slack mentions cannot be looked up here: name the person by their e-mail instead.',
    );
  });

  it('says when an invitation already exists, and sends no e-mail', async () => {
    const text = await shown('user invite frank@example.com --name "Frank Invited"');
    expect(text).toContain('Frank Invited (frank@example.com) was already invited');
    expect(text).toContain('No new e-mail was sent');
  });

  it('sends developer access off explicitly when --developer is not given', async () => {
    const text = await shown('user invite kim@example.com --name Kim');
    expect(text).toContain('developer access: no');
    expect(text).toContain('An invitation e-mail was sent.');
  });

  it('finds nobody without failing', async () => {
    const text = await shown('user find zzzz');
    expect(text).toContain('Users matching "zzzz"');
  });

  it('tells whoami when the Slack e-mail cannot be looked up', async () => {
    const text = await shown('whoami', { slack: false });
    expect(text).toContain('e-mail: unknown');
  });
});

describe('context', () => {
  it('shows the context without saving when use has no options', async () => {
    const run = await runCommand(emulator, 'use', { context: acme });
    expect(replyText(run.reply)).toContain('context: organization Acme ML');
    expect(run.store.saved.size).toBe(0);
  });

  it.each([
    ['use --clear', {}],
    ['use --org "Research Lab"', { orgName: 'Research Lab' }],
  ])('%s saves %j', async (text, saved) => {
    const run = await runCommand(emulator, text, { context: acme });
    expect(run.store.savedFor(requester)).toEqual(
      text === 'use --clear' ? {} : expect.objectContaining(saved),
    );
  });
});

describe('moments', () => {
  it.each([
    ['org get "Acme ML"', 'created: 2024-02-01T09:00:00.000Z ('],
    ['space get staging --org "Acme ML"', 'created: 2024-02-03T09:00:00.000Z ('],
  ])('%s shows when it was created as a moment with its age in words', async (text, moment) => {
    expect(await shown(text)).toMatch(
      new RegExp(`${moment.replace(/[.()]/g, '\\$&')}\\d+ days ago\\)`),
    );
  });
});

describe('keys', () => {
  it('lists the keys of a space named in several organizations when --org says which', async () => {
    const text = await shown('key list --space production --org "Acme ML"');
    expect(text).toContain('in production');
    expect(text).toContain('ci-pipeline');
    expect(text).toContain('model-monitor');
  });

  it('asks for --space or --expires when a key id alone cannot tell the old expiry', async () => {
    const list = await runCommand(emulator, `key list --space ${acmeProduction}`);
    if (list.reply.kind !== 'list') throw new Error(list.reply.kind);
    const monitor = list.reply.items.find((i) => i.title === 'model-monitor')?.id as string;
    const error = await refusal(`key refresh ${monitor}`);
    expect(error.code).toBe('COMMAND.USAGE');
    expect(error.hint).toBe(
      'Add --space SPACE so the bot keeps the old expiry, or --expires DURATION.',
    );
    const text = await shown(`key refresh ${monitor} --expires 30d`);
    expect(text).toContain('expires: 2026-01-31T00:00:00.000Z');
    expect(text).toContain('old secret: stopped working');
  });

  it.each([
    ['key revoke nope --space staging', "No active API key 'nope' in space staging."],
    [`key revoke ${encodeResourceId('ApiKey', '999:zz')}`, ''],
  ])('refuses %s with nothing changed', async (text, message) => {
    const error = await refusal(text);
    if (message) expect(error.message).toBe(message);
    else expect(error.code).toBe('ARIZE.NOT_FOUND');
  });
});
