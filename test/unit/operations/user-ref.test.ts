import { describe, expect, it } from 'vitest';
import { parseUserRef, userRefProblem } from '../../../src/domain/operations/user-ref.ts';

describe('parseUserRef', () => {
  it.each([
    ['alice@example.com', { kind: 'email', email: 'alice@example.com' }],
    ['  Bob@Example.COM ', { kind: 'email', email: 'Bob@Example.COM' }],
    ['<mailto:carol@example.com|carol@example.com>', { kind: 'email', email: 'carol@example.com' }],
    ['<@U0123ABC>', { kind: 'slack', slackUserId: 'U0123ABC' }],
    ['<@W0123ABC|jane>', { kind: 'slack', slackUserId: 'W0123ABC' }],
    ['VXNlcjoxMjM0NQ==', { kind: 'id', id: 'VXNlcjoxMjM0NQ==' }],
    ['U3BhY2U6MQ==', { kind: 'id', id: 'U3BhY2U6MQ==' }],
    ['Carol Chen', { kind: 'name', name: 'Carol Chen' }],
    ['Jane', { kind: 'name', name: 'Jane' }],
    ['@jane', { kind: 'name', name: '@jane' }],
  ])('reads %j', (text, ref) => {
    expect(parseUserRef(text)).toEqual(ref);
  });
});

describe('userRefProblem', () => {
  it.each([
    ['alice@example.com', undefined],
    ['<@U0123ABC>', undefined],
    ['VXNlcjoxMjM0NQ==', undefined],
    ['Carol Chen', undefined],
    ['a@b', '"a@b" is not an e-mail address'],
    ['U3BhY2U6MQ==', 'is a Space id, not a user id'],
    ['', 'must not be empty'],
    [
      '@jane',
      '"@jane" is not a mention Slack resolved: pick the person from Slack\'s list so it becomes a link, or use their e-mail',
    ],
    ['<@lower>', '"<@lower>" is not a user, e-mail or mention'],
    [`${'x'.repeat(50)}@y`, `"${'x'.repeat(40)}…" is not an e-mail address`],
    ['name@', undefined],
  ])('%j → %j', (text, problem) => {
    expect(userRefProblem(text)).toBe(problem);
  });
});
