import { describe, expect, it } from 'vitest';
import { checkAdminKey, checkDeveloperKey } from '../../../src/app/doctor/arize-checks.ts';
import { checkDeadLetters, checkSchedules } from '../../../src/app/doctor/deployment-checks.ts';
import type { ArizeKeyProbe, ArizeKeyProblem, ScheduleState } from '../../../src/app/ports.ts';
import { err, ok } from '../../../src/domain/result.ts';

/** Arize as the doctor probes it: the admin key's owner, and whether GraphQL answers. */
const arize = (
  admin: { email: string; accountAdmin: boolean } | ArizeKeyProblem,
  developer: ArizeKeyProblem | 'answers' = 'answers',
): ArizeKeyProbe => ({
  adminKey: async () => ('kind' in admin ? err(admin) : ok(admin)),
  developerKey: async () => (developer === 'answers' ? ok(undefined) : err(developer)),
});
const refused: ArizeKeyProblem = { kind: 'refused', detail: 'Arize refused the key.' };
const unreachable: ArizeKeyProblem = { kind: 'unreachable', detail: 'Arize did not answer.' };

describe('the Arize key lines of /arize doctor', () => {
  it('fails a working key whose owner is not an account admin, and says whom to promote', async () => {
    const [line] = await checkAdminKey(arize({ email: 'ops@example.com', accountAdmin: false }));
    expect(line).toMatchObject({ ok: false, title: 'Arize admin key (REST)' });
    expect(line?.detail).toBe(
      'The key works but belongs to ops@example.com, who is not an account admin.',
    );
    expect(line?.fix).toMatch(/^Make ops@example.com an account admin in Arize, or create a user/);
    expect(line?.fix).toContain('ArizeApiKeyArn');
  });

  it('names where to put a new key when Arize refuses it, and to retry when Arize is down', async () => {
    const [refusedLine] = await checkAdminKey(arize(refused));
    expect(refusedLine?.fix).toContain('ArizeApiKeyArn');
    const [downLine] = await checkAdminKey(arize(unreachable));
    expect(downLine?.fix).toContain('run /arize doctor again');
    expect(downLine?.fix).not.toContain('ArizeApiKeyArn');
  });

  it('fails the developer-key line when GraphQL refuses the key, naming its secret', async () => {
    const owner = { email: 'bot@example.com', accountAdmin: true };
    const [line] = await checkDeveloperKey(arize(owner, refused));
    expect(line).toMatchObject({ ok: false, detail: 'Arize refused the key.' });
    expect(line?.fix).toContain('ArizeDeveloperKeyArn');
    expect((await checkDeveloperKey(arize(owner)))[0]?.ok).toBe(true);
  });
});

describe('the schedule and dead-letter lines of /arize doctor', () => {
  const schedules = (states: ScheduleState[]) => ({ states: async () => states });

  it('fails when a schedule is missing or not in the state the deployment asked for', async () => {
    const [line] = await checkSchedules(
      schedules([
        { job: 'sweep', expected: 'ENABLED', actual: 'MISSING' },
        { job: 'grant-ends', expected: 'ENABLED', actual: 'DISABLED' },
        { job: 'access-report', expected: 'DISABLED', actual: 'DISABLED' },
      ]),
    );
    expect(line).toMatchObject({
      ok: false,
      detail: 'sweep is missing; grant-ends is DISABLED, not ENABLED.',
    });
    expect(line?.fix).toContain('npx cdk deploy');
  });

  it('passes when every schedule is as asked, marking the ones turned off', async () => {
    const [line] = await checkSchedules(
      schedules([
        { job: 'sweep', expected: 'ENABLED', actual: 'ENABLED' },
        { job: 'access-report', expected: 'DISABLED', actual: 'DISABLED' },
      ]),
    );
    expect(line).toMatchObject({ ok: true, detail: 'all 2 exist: sweep, access-report (off).' });
  });

  it('says a line could not be checked when its AWS call fails, with the fix still named', async () => {
    const [line] = await checkDeadLetters({
      count: async () => {
        throw new Error('AccessDenied: sqs:GetQueueAttributes');
      },
    });
    expect(line).toMatchObject({
      ok: false,
      detail: 'could not be checked: AccessDenied: sqs:GetQueueAttributes',
    });
    expect(line?.fix).toContain('start-message-move-task');
  });
});
