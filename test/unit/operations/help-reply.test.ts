import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { helpReply } from '../../../src/domain/operations/help-reply.ts';

describe('helpReply', () => {
  it('lists the groups and their commands without a topic', () => {
    const reply = helpReply(catalogue);
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.items.map((i) => i.title)).toEqual([
      'org',
      'space',
      'user',
      'key',
      'url',
      'use',
      'whoami',
      'approvals',
      'cancel',
      'grants',
      'request',
      'audit',
      'report',
      'doctor',
      'help',
    ]);
    expect(reply.items[1]?.fields).toEqual([
      {
        label: 'commands',
        value: 'list, get, create, update, delete, add-user, remove-user, change-members, members',
      },
    ]);
    expect(reply.items[6]?.fields?.[0]?.label).toBe('what it does');
  });

  it('lists the commands of a group with usage, summary and risk', () => {
    const reply = helpReply(catalogue, ['key']);
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.title).toBe('Commands for "key"');
    expect(reply.items.map((i) => i.title)).toEqual([
      'key list [--space SPACE] [--org ORG] [--status active|revoked] [--cursor CURSOR]',
      'key create NAME --space SPACE [--org ORG] [--role ROLE] [--expires DURATION] [--description TEXT]',
      'key refresh KEY [--space SPACE] [--org ORG] [--grace DURATION] [--expires DURATION]',
      'key revoke KEY [--space SPACE] [--org ORG]',
    ]);
    expect(reply.items[1]?.fields?.[1]).toEqual({ label: 'risk', value: 'secret (approval)' });
  });

  it.each([[['space', 'add-user']], [['SPACE', 'Add-User']], [['space', 'add']]])(
    'shows one command in full for %j',
    (topic) => {
      const reply = helpReply(catalogue, topic);
      if (reply.kind !== 'detail') throw new Error(reply.kind);
      expect(reply.title).toBe('space add-user');
      const labels = reply.fields.map((f) => f.label);
      expect(labels).toEqual([
        'what it does',
        'usage',
        'USER,…',
        '--space',
        '--role',
        '--org',
        '--for',
        'risk',
        'examples',
      ]);
      expect(reply.fields.at(-1)?.value).toContain(
        '/arize space add-user alice@example.com --space production --role member',
      );
    },
  );

  it.each([
    [['spce'], 'There is no command "spce". Did you mean `space`?'],
    [['space', 'lst'], 'There is no command "space lst". Did you mean `space list`?'],
    [['zzzzzzzz'], 'There is no command "zzzzzzzz".'],
  ])('suggests the nearest for an unknown topic %j', (topic, message) => {
    expect(helpReply(catalogue, topic)).toEqual({
      kind: 'error',
      code: 'COMMAND.UNKNOWN',
      message,
      hint: 'Type `/arize help` for the list of commands.',
    });
  });
});
