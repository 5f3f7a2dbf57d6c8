import { describe, expect, it } from 'vitest';
import { inverseRules, undoOf } from '../../../src/domain/approvals/undo.ts';
import { approvalOperationIds } from '../../../src/domain/operations/catalogue.ts';

const id = (type: string, n: number) => Buffer.from(`${type}:${n}`).toString('base64');
const s1 = id('Space', 1);
const s2 = id('Space', 2);
const u1 = id('User', 1);
const u2 = id('User', 2);

const roles = (entries: [string, [string, string][]][]) =>
  entries.map(([space, members]) => ({
    space,
    roles: members.map(([userId, role]) => ({ userId, role })),
  }));

describe('undo: the inverse table', () => {
  it('has a rule for exactly the operations that can need approval', () => {
    expect(Object.keys(inverseRules).sort()).toEqual([...approvalOperationIds].sort());
  });

  it('answers an operation that cannot need approval with a reason', () => {
    expect(undoOf({ operationId: 'space.list', args: {}, projection: {} })).toEqual({
      undoable: false,
      why: 'this operation has no inverse.',
    });
  });

  it('answers an id this version does not know with a reason', () => {
    expect(undoOf({ operationId: 'space.archive', args: {}, projection: {} })).toEqual({
      undoable: false,
      why: 'this operation has no inverse.',
    });
  });
});

describe('undo: space remove-user', () => {
  const args = { users: [u1], space: [s1] };

  it('adds the user back with the role read before the removal', () => {
    const decision = undoOf({
      operationId: 'space.remove-user',
      args,
      projection: { roles: roles([[s1, [[u1, 'READ_ONLY']]]]) },
    });
    expect(decision).toEqual({
      undoable: true,
      operationId: 'space.add-user',
      args: { users: [u1], space: [s1], role: 'READ_ONLY' },
      commandText: `space add-user ${u1} --space ${s1} --role read-only`,
      risk: 'privilege',
    });
  });

  it('restores a users × spaces rectangle of one role in one command', () => {
    const decision = undoOf({
      operationId: 'space.remove-user',
      args: { users: [u1, u2], space: [s1, s2] },
      projection: {
        roles: roles([
          [
            s1,
            [
              [u1, 'MEMBER'],
              [u2, 'MEMBER'],
            ],
          ],
          [
            s2,
            [
              [u1, 'MEMBER'],
              [u2, 'MEMBER'],
            ],
          ],
        ]),
      },
    });
    expect(decision.undoable && decision.args).toEqual({
      users: [u1, u2],
      space: [s1, s2],
      role: 'MEMBER',
    });
  });

  it.each([
    ['roles not readable', [{ space: s1, roles: 'not readable' }], 'not readable'],
    ['no member', roles([[s1, []]]), 'nothing was removed'],
    [
      'mixed roles',
      roles([
        [
          s1,
          [
            [u1, 'ADMIN'],
            [u2, 'MEMBER'],
          ],
        ],
      ]),
      'different previous roles',
    ],
    [
      'a custom role',
      roles([
        [
          s1,
          [
            [u1, 'Auditor'],
            [u2, 'Auditor'],
          ],
        ],
      ]),
      'custom role',
    ],
  ])('refuses with a reason when %s', (_case, projectionRoles, why) => {
    const decision = undoOf({
      operationId: 'space.remove-user',
      args: { users: [u1, u2], space: [s1] },
      projection: { roles: projectionRoles },
    });
    expect(decision.undoable).toBe(false);
    expect(!decision.undoable && decision.why).toContain(why);
  });

  it('refuses when only part of the users × spaces were members', () => {
    const decision = undoOf({
      operationId: 'space.remove-user',
      args: { users: [u1, u2], space: [s1, s2] },
      projection: {
        roles: roles([
          [
            s1,
            [
              [u1, 'MEMBER'],
              [u2, 'MEMBER'],
            ],
          ],
          [s2, [[u1, 'MEMBER']]],
        ]),
      },
    });
    expect(!decision.undoable && decision.why).toContain('only some');
  });
});

describe('undo: names users by the e-mail the plan captured', () => {
  it('writes the inverse with e-mails, spaces by id', () => {
    const decision = undoOf({
      operationId: 'space.remove-user',
      args: { users: [u1], space: [s1] },
      projection: {
        users: [{ id: u1, email: 'dave@example.com' }],
        roles: roles([[s1, [[u1, 'ADMIN']]]]),
      },
    });
    expect(decision.undoable && decision.commandText).toBe(
      `space add-user dave@example.com --space ${s1} --role admin`,
    );
  });
});

describe('undo: space add-user', () => {
  const args = { users: [u1, u2], space: [s1], role: 'ADMIN' };

  it('removes users who were not members before', () => {
    const decision = undoOf({
      operationId: 'space.add-user',
      args,
      projection: { roles: roles([[s1, []]]) },
    });
    expect(decision.undoable && decision.operationId).toBe('space.remove-user');
    expect(decision.undoable && decision.args).toEqual({ users: [u1, u2], space: [s1] });
  });

  it('restores the previous role, leaving users who already had the new one', () => {
    const decision = undoOf({
      operationId: 'space.add-user',
      args,
      projection: {
        roles: roles([
          [
            s1,
            [
              [u1, 'READ_ONLY'],
              [u2, 'ADMIN'],
            ],
          ],
        ]),
      },
    });
    expect(decision.undoable && decision.args).toEqual({
      users: [u1],
      space: [s1],
      role: 'READ_ONLY',
    });
  });

  it('has nothing to undo when every user had the role already', () => {
    const decision = undoOf({
      operationId: 'space.add-user',
      args,
      projection: {
        roles: roles([
          [
            s1,
            [
              [u1, 'ADMIN'],
              [u2, 'ADMIN'],
            ],
          ],
        ]),
      },
    });
    expect(!decision.undoable && decision.why).toContain('nothing changed');
  });

  it('refuses a mix of new members and role changes', () => {
    const decision = undoOf({
      operationId: 'space.add-user',
      args,
      projection: { roles: roles([[s1, [[u1, 'MEMBER']]]]) },
    });
    expect(!decision.undoable && decision.why).toContain('member, not a member');
  });
});

describe('undo: user and space updates', () => {
  const user = { id: u1, isDeveloper: false };

  it('turns developer access back off', () => {
    const decision = undoOf({
      operationId: 'user.update',
      args: { user: u1, developer: true },
      projection: { user },
    });
    expect(decision.undoable && decision.commandText).toBe(`user update ${u1} --developer=false`);
  });

  it.each([
    [{ user: u1, developer: false }, { user }, 'already off'],
    [{ user: u1, developer: true, name: 'Bo' }, { user }, 'display name'],
    [{ user: u1, developer: true }, {}, 'unknown'],
  ])('refuses user update %j with a reason', (args, projection, why) => {
    const decision = undoOf({ operationId: 'user.update', args, projection });
    expect(!decision.undoable && decision.why).toContain(why);
  });

  it('offers no Undo when the way back needs no approval, naming the command', () => {
    const decision = undoOf({
      operationId: 'space.update',
      args: { space: s1, private: false },
      projection: { space: { id: s1, name: 'prod', isPrivate: true } },
    });
    expect(decision).toEqual({
      undoable: false,
      why: `the way back needs no approval: run /arize space update ${s1} --private yourself.`,
    });
  });

  it.each([
    [{ space: s1, description: 'x', private: false }, 'description'],
    [{ space: s1, private: false }, 'nothing changed'],
  ])('refuses space update %j with a reason', (args, why) => {
    const decision = undoOf({
      operationId: 'space.update',
      args,
      projection: { space: { id: s1, name: 'prod', isPrivate: false } },
    });
    expect(!decision.undoable && decision.why).toContain(why);
  });

  it('refuses a space update whose space was not captured', () => {
    const decision = undoOf({
      operationId: 'space.update',
      args: { space: s1, private: false },
      projection: {},
    });
    expect(!decision.undoable && decision.why).toContain('unknown');
  });
});

describe('undo: irreversible operations say why', () => {
  it.each([
    ['user.delete', 'can never be invited again'],
    ['org.add-user', 'org roles are not readable'],
    ['org.remove-user', 'org roles are not readable'],
    ['space.delete', 'cannot be restored'],
    ['org.delete', 'cannot be restored'],
    ['key.revoke', 'never be made active again'],
    ['user.invite', 'can never be invited again'],
    ['key.create', 'key revoke'],
    ['key.refresh', 'previous secret'],
  ])('%s: %s', (operationId, why) => {
    const decision = undoOf({ operationId, args: {}, projection: {} });
    expect(!decision.undoable && decision.why).toContain(why);
  });
});
