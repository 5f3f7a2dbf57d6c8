import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { type ApprovalSteps, approvalSteps } from '../../../src/app/approvals/approval-steps.ts';
import { readPostState } from '../../../src/app/approvals/post-states.ts';
import type { ExecutionContext } from '../../../src/app/operations/executor.ts';
import { type InverseRule, inverseRules } from '../../../src/domain/approvals/undo.ts';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import {
  type ApprovalOperationId,
  approvalOperationIds,
  catalogue,
  isApprovalOperationId,
  type OperationId,
  parseOperationArgs,
} from '../../../src/domain/operations/catalogue.ts';
import { defineOperation, Risks } from '../../../src/domain/operations/operation.ts';
import { requiresApproval } from '../../../src/domain/operations/requires-approval.ts';

const ids = catalogue.map((op) => op.id).sort();

/** The risks an operation's own examples reach (their forms are chosen to show each one). */
const reachedByExamples = (id: string) => {
  const operation = catalogue.find((op) => op.id === id);
  const reached = new Set(
    (operation?.examples ?? []).map((example) => {
      const parsed = parseCommand(example, catalogue);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.command.operation.risk(parsed.command.args);
    }),
  );
  return Risks.filter((risk) => reached.has(risk));
};

describe('the operation registry: one entry per operation in each table', () => {
  it('has plan and post-state steps for exactly the approval operations', () => {
    expect(Object.keys(approvalSteps).sort()).toEqual([...approvalOperationIds].sort());
  });

  it('has an Undo inverse for exactly the approval operations', () => {
    expect(Object.keys(inverseRules).sort()).toEqual([...approvalOperationIds].sort());
  });

  it.each(catalogue.map((op) => [op.id]))(
    '%s: its examples reach exactly its declared risks',
    (id) => {
      const declared = catalogue.find((op) => op.id === id)?.risks ?? [];
      expect(reachedByExamples(id)).toEqual(Risks.filter((risk) => declared.includes(risk)));
    },
  );

  it('counts as approval operations those whose examples can need approval, and no others', () => {
    const gated = ids.filter((id) => reachedByExamples(id).some(requiresApproval));
    expect([...approvalOperationIds].sort()).toEqual(gated);
    expect(gated).toEqual(expect.arrayContaining(['space.update', 'user.invite', 'key.create']));
    expect(isApprovalOperationId('space.delete')).toBe(true);
    expect(isApprovalOperationId('space.list')).toBe(false);
    expect(isApprovalOperationId('space.archive')).toBe(false);
  });

  it('says in the entry why a post-state cannot be told, for these four only', async () => {
    const cannotTell = Object.entries(approvalSteps as Record<string, ApprovalSteps>).flatMap(
      ([id, steps]) => (typeof steps.postState === 'function' ? [] : [[id, steps.postState]]),
    );
    expect(cannotTell.map(([id]) => id).sort()).toEqual([
      'key.create',
      'key.refresh',
      'org.add-user',
      'org.remove-user',
    ]);
    for (const [, postState] of cannotTell) {
      expect(postState).toEqual({ cannotTell: expect.stringMatching(/\w{4,} .* \w{4,}/) });
    }
    const unread = { gateway: {} } as ExecutionContext;
    expect(await readPostState(approvalSteps['key.create'].postState, {}, unread)).toBe('unknown');
  });
});

describe('parseOperationArgs: look an operation up and validate its arguments again', () => {
  it('returns the operation, the parsed arguments with defaults, and the risk once', () => {
    const parsed = parseOperationArgs('user.invite', {
      email: 'jo@example.com',
      name: 'Jo Park',
      mode: 'password',
    });
    expect(parsed.ok && parsed.value.operation.id).toBe('user.invite');
    expect(parsed.ok && parsed.value.args).toEqual({
      email: 'jo@example.com',
      name: 'Jo Park',
      role: 'MEMBER',
      mode: 'password',
    });
    expect(parsed.ok && parsed.value.risk).toBe('secret');
  });

  it('refuses an id this version does not know', () => {
    expect(parseOperationArgs('space.archive', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'No operation space.archive in this version.' },
    });
  });

  it('refuses arguments the schema no longer accepts', () => {
    expect(parseOperationArgs('user.invite', { email: 'not an e-mail', name: 'Jo' })).toEqual({
      ok: false,
      error: { code: 'COMMAND.USAGE', message: 'The queued command is no longer valid.' },
    });
  });

  it('looks up in the catalogue it is given', () => {
    expect(parseOperationArgs('space.delete', { space: 's1' }, []).ok).toBe(false);
  });
});

describe('the compiler refuses an incomplete registration', () => {
  it('derives the approval ids from the declared risks', () => {
    expectTypeOf<ApprovalOperationId>().toEqualTypeOf<
      | 'space.delete'
      | 'space.update'
      | 'space.add-user'
      | 'space.remove-user'
      | 'space.change-members'
      | 'org.delete'
      | 'org.add-user'
      | 'org.remove-user'
      | 'user.delete'
      | 'user.update'
      | 'user.invite'
      | 'key.revoke'
      | 'key.create'
      | 'key.refresh'
      | 'request.space'
      | 'request.extend'
    >();
    expectTypeOf<'space.list'>().toExtend<OperationId>();
    expectTypeOf<'space.list'>().not.toExtend<ApprovalOperationId>();
  });

  it('refuses an approval operation without its plan and post-state, or without an inverse', () => {
    const { 'key.refresh': _steps, ...withoutSteps } = approvalSteps;
    const { 'key.refresh': _inverse, ...withoutInverse } = inverseRules;
    // @ts-expect-error: 'key.refresh' is missing its plan and post-state
    const steps: Record<ApprovalOperationId, ApprovalSteps> = withoutSteps;
    // @ts-expect-error: 'key.refresh' is missing its Undo inverse
    const inverses: Record<ApprovalOperationId, InverseRule> = withoutInverse;
    expect(Object.keys(steps)).not.toContain('key.refresh');
    expect(Object.keys(inverses)).not.toContain('key.refresh');
  });

  it('refuses an operation whose risk() returns a risk it does not declare', () => {
    const archive = defineOperation({
      id: 'space.archive',
      words: ['space', 'archive'],
      summary: 'Archive a space.',
      positionals: [],
      flags: [],
      schema: z.object({ hard: z.boolean().optional() }),
      risks: ['write'],
      // @ts-expect-error: 'destructive' is not among the declared risks
      risk: (args) => (args.hard ? 'destructive' : 'write'),
      retry: 'never',
      examples: [],
    });
    expectTypeOf(archive.id).toEqualTypeOf<'space.archive'>();
    expect(archive.risk({ hard: true })).toBe('destructive');
  });
});
