import { describe, expect, it } from 'vitest';
import { formatCommand } from '../../../src/domain/grammar/format-command.ts';
import { maxCommandLength, parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';

const parse = (text: string) => parseCommand(text, catalogue);

const parsed = (text: string) => {
  const result = parse(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return {
    id: result.command.operation.id,
    args: result.command.args,
    options: result.command.options,
  };
};

const failure = (text: string) => {
  const result = parse(text);
  if (result.ok) throw new Error(`${text} parsed as ${result.command.operation.id}`);
  return result.error;
};

describe('parseCommand: commands and arguments', () => {
  it.each([
    ['', 'help', {}],
    ['   ', 'help', {}],
    ['help', 'help', {}],
    ['HELP Space LIST', 'help', { topic: ['space', 'list'] }],
    ['help "space list"', 'help', { topic: ['space', 'list'] }],
    ['space add-user --help', 'help', { topic: ['space', 'add-user'] }],
    ['space --help', 'help', { topic: ['space'] }],
    ['nonsense words --help', 'help', { topic: ['nonsense', 'words'] }],
    ['--help', 'help', {}],
    ['Space List', 'space.list', {}],
    ['space list --org "Acme ML" --name=prod', 'space.list', { org: 'Acme ML', name: 'prod' }],
    ['space list —org Acme', 'space.list', { org: 'Acme' }],
    ['space list --ORG Acme', 'space.list', { org: 'Acme' }],
    [
      'space add-user a@x.io,b@x.io --space p --space s --role readOnly',
      'space.add-user',
      { users: ['a@x.io', 'b@x.io'], space: ['p', 's'], role: 'READ_ONLY' },
    ],
    [
      'space add-user a@x.io b@x.io --space "p, s" --role READ_ONLY',
      'space.add-user',
      { users: ['a@x.io', 'b@x.io'], space: ['p', 's'], role: 'READ_ONLY' },
    ],
    [
      'space add-user a@x.io --space production,"Acme ML" --role member',
      'space.add-user',
      { users: ['a@x.io'], space: ['production', 'Acme ML'], role: 'MEMBER' },
    ],
    [
      'space add-user <mailto:a@x.io|a@x.io>,<@U1ABC|ann> --space p --role member',
      'space.add-user',
      { users: ['a@x.io', '<@U1ABC>'], space: ['p'], role: 'MEMBER' },
    ],
    ['space create lab --private', 'space.create', { name: 'lab', private: true }],
    ['space create lab --private no', 'space.create', { name: 'lab', private: false }],
    ['space update lab --private=false', 'space.update', { space: 'lab', private: false }],
    ['space update lab --private off', 'space.update', { space: 'lab', private: false }],
    ['org update --description ""', 'org.update', { description: '' }],
    ['org create "  Acme  "', 'org.create', { name: 'Acme' }],
    ['user list --status Active,INVITED', 'user.list', { status: ['active', 'invited'] }],
    ['user list --status active --status expired', 'user.list', { status: ['active', 'expired'] }],
    [
      'user invite a@x.io --name A --mode PASSWORD',
      'user.invite',
      { email: 'a@x.io', name: 'A', role: 'MEMBER', mode: 'password' },
    ],
    [
      'key create ci --space p --expires 30d',
      'key.create',
      { name: 'ci', space: 'p', role: 'ADMIN', expires: 2_592_000 },
    ],
    ['key refresh k --space p --grace 30m', 'key.refresh', { key: 'k', space: 'p', grace: 1800 }],
    ["user update O'Brien --name Pat", 'user.update', { user: "O'Brien", name: 'Pat' }],
    ['org get', 'org.get', {}],
    ['use --clear', 'use', { clear: true }],
  ])('reads %j as %s %j', (text, id, args) => {
    expect(parsed(text)).toMatchObject({ id, args });
    expect(parsed(text).args).toEqual(args);
  });

  it.each([
    ['space list --public', { public: true }],
    ['space list --public=false', { public: false }],
    ['space list --reason "audit Q3" --public', { public: true, reason: 'audit Q3' }],
  ])('reads the global options of %j', (text, options) => {
    expect(parsed(text).options).toEqual(options);
  });
});

describe('parseCommand: unknown commands', () => {
  it.each([
    ['spce list', 'Unknown command "spce list". Did you mean `space list`?'],
    ['space lst', 'Unknown command "space lst". Did you mean `space list`?'],
    ['users list', 'Unknown command "users list". Did you mean `user list`?'],
    [
      'remove-user',
      'Unknown command "remove-user". Did you mean `org remove-user`, `space remove-user`?',
    ],
    ['frobnicate', 'Unknown command "frobnicate". Type `help` for the list of commands.'],
    ['--org', 'Type a command, e.g. `space list`, or `help` for the list.'],
    ['--org x', 'Unknown command "x". Type `help` for the list of commands.'],
  ])('answers %j with %j', (text, message) => {
    const error = failure(text);
    expect(error.code).toBe('COMMAND.UNKNOWN');
    expect(error.message).toBe(message);
  });

  it('lists the commands of a group named alone', () => {
    const error = failure('key');
    expect(error.message).toBe(
      'Which `key` command? `key list`, `key create`, `key refresh`, `key revoke`.',
    );
    expect(error.suggestions).toEqual(['key list', 'key create', 'key refresh', 'key revoke']);
  });
});

describe('parseCommand: usage errors', () => {
  it.each([
    ['org create', 'NAME is missing: its name.'],
    [
      'org create Acme ML',
      'Unexpected "ML". If it belongs to the value before it, put that value in quotes: "Acme ML".',
    ],
    ['whoami now', 'Unexpected "now": whoami takes only options.'],
    ['org create "x', 'Unclosed quote " in the command: close it or remove it.'],
    ['space list --orgg x', 'space list has no option --orgg. Did you mean --org?'],
    ['space list --', '"--" is not an option: options look like --name.'],
    ['space list --name', '--name needs a value: part of the space name.'],
    ['space list --name --org x', '--name needs a value: part of the space name.'],
    ['space list --name a --name b', '--name is given twice.'],
    ['space list --reason a --reason b', '--reason is given twice.'],
    ['space list --reason', '--reason needs a value: why you ask.'],
    ['space list --public maybe', 'Unexpected "maybe": space list takes only options.'],
    ['space list --public=maybe', '--public is true or false, not "maybe".'],
    ['org create x'.padEnd(270, 'x'), 'NAME: must be at most 255 characters.'],
    ['org create "   "', 'NAME: must not be empty.'],
    [
      'space add-user a@x.io --space p',
      '--role is missing: space role: admin, member, read-only or annotator.',
    ],
    [
      'space add-user a@x.io --space p --role viewer',
      '--role: "viewer" is not an Arize role; use read-only.',
    ],
    [
      'space add-user a@x.io --space p --role boss',
      '--role: "boss" is not a role. Roles are admin, member, read-only and annotator.',
    ],
    [
      'org add-user "Acme ML" a@x.io --role member --for 8h',
      '--for: organization roles cannot be read over the Arize API, so a time-bound org grant could not restore the previous role at its end: grant without --for, or make it time-bound per space with space add-user --for.',
    ],
    ['space add-user a@x.io --space p --role member --for 31d', '--for: must be at most 30d.'],
    [
      'space add-user a@x.io --space p --role member --for soon',
      '--for must be a duration like 30m, 8h or 3d, not "soon".',
    ],
    ['space add-user a@x.io --space p --role member --for 0h', '--for must be longer than zero.'],
    ['space add-user a@x.io --space , --role member', '--space needs at least one value.'],
    [
      'space add-user @jane --space p --role member',
      'USER (value 1): "@jane" is not a mention Slack resolved: pick the person from Slack\'s list so it becomes a link, or use their e-mail.',
    ],
    [
      'space add-user a@b --space p --role member',
      'USER (value 1): "a@b" is not an e-mail address.',
    ],
    ['user get U3BhY2U6MQ==', 'USER: is a Space id, not a user id.'],
    ['space get VXNlcjox', 'SPACE: is a User id, not a space id.'],
    ['space remove-user a@x.io', '--space is missing: space names or ids, comma-separated.'],
    [
      'org add-user alice@x.io bob@x.io --role member',
      'ORG: looks like a user: name the organization first, then the users.',
    ],
    ['org update Acme', 'Nothing to change: give --name, --description or both.'],
    ['space update', 'Nothing to change: give --name, --description or --private.'],
    ['user update a@x.io', 'Nothing to change: give --name, --developer or both.'],
    ['user invite bob --name Bob', 'EMAIL: must be an e-mail address.'],
    ['user invite bob@x.io', '--name is missing: their name.'],
    [
      'user invite bob@x.io --name Bob --role read-only',
      '--role: read-only is not an account role: use admin, member or annotator.',
    ],
    [
      'user invite bob@x.io --name Bob --mode sms',
      '--mode is one of email, password, none, not "sms".',
    ],
    ['user list --status gone', '--status is one of active, invited, expired, not "gone".'],
    ['user find a', 'TEXT: must be at least 2 characters.'],
    ['key create k --space p --expires 366d', '--expires: must be at most 365d.'],
    ['key create k --space p --role annotator', '--role: an API key cannot be an annotator.'],
    ['key create k', '--space is missing: space name or id (never your context).'],
    [
      'key refresh ci',
      'KEY: a key name needs --space SPACE to find it; or give the key id from key list.',
    ],
    ['key refresh ci --space p --grace 2d', '--grace: must be at most 24h.'],
    ['key revoke U3BhY2U6MQ== --space p', 'KEY: is a Space id, not an API key id.'],
    ['url model abc', 'MODEL: must be a model id (base64 of Model:…).'],
    ['url model U3BhY2U6MQ==', 'MODEL: is a Space id, not a model id.'],
    ['use --clear --org x', '--clear goes alone: it forgets both the organization and the space.'],
    ['help a b c d', 'COMMAND: names at most one command, e.g. help space list.'],
  ])('answers %j with %j', (text, message) => {
    const error = failure(text);
    expect(error.code).toBe('COMMAND.USAGE');
    expect(error.message).toBe(message);
  });

  it('gives the usage line and an example with a usage error', () => {
    expect(failure('space add-user a@x.io --space p')).toEqual({
      code: 'COMMAND.USAGE',
      message: expect.any(String),
      usage: 'space add-user USER,… [--space SPACE,…] --role ROLE [--org ORG] [--for DURATION]',
      example: 'space add-user alice@example.com --space production --role member',
    });
  });

  it.each([
    ['users', 26, 1, 'USER: takes at most 25 users per command: split it into several commands.'],
    [
      'spaces',
      1,
      26,
      '--space: takes at most 25 spaces per command: split it into several commands.',
    ],
    [
      'pairs',
      11,
      10,
      'That is more than 100 user × space changes in one command: split it into several commands.',
    ],
  ])('caps the %s of one command', (_what, users, spaces, message) => {
    const emails = Array.from({ length: users }, (_, i) => `u${i}@x.io`).join(',');
    const names = Array.from({ length: spaces }, (_, i) => `s${i}`).join(',');
    expect(failure(`space add-user ${emails} --space ${names} --role member`).message).toBe(
      message,
    );
  });

  it('accepts exactly the pair cap', () => {
    const emails = Array.from({ length: 10 }, (_, i) => `u${i}@x.io`).join(',');
    const names = Array.from({ length: 10 }, (_, i) => `s${i}`).join(',');
    expect(parsed(`space add-user ${emails} --space ${names} --role member`).id).toBe(
      'space.add-user',
    );
  });

  it('refuses text longer than Slack sends', () => {
    expect(failure(`space list --name ${'x'.repeat(maxCommandLength)}`).message).toBe(
      'The command is longer than 4000 characters.',
    );
  });

  it('never shows zod default wording', () => {
    for (const text of [
      'org create ""',
      'space list --cursor ""',
      'key create k --space p --expires 999d',
    ]) {
      expect(failure(text).message).not.toMatch(/Invalid input|Too (big|small)|expected/);
    }
  });
});

describe('formatCommand', () => {
  it.each([
    [
      'space add-user a@x.io --space p,s --role read-only',
      'space add-user a@x.io --space p,s --role read-only',
    ],
    ['space update "my lab" --private=false', 'space update "my lab" --private=false'],
    [
      'org create "O\'Brien &amp; Co" --description "&lt;b&gt;"',
      'org create "O\'Brien &amp; Co" --description &lt;b&gt;',
    ],
    ['space list --reason "why not" --public', 'space list --public --reason "why not"'],
  ])('formats %j as %j', (text, formatted) => {
    const result = parse(text);
    if (!result.ok) throw new Error(result.error.message);
    const { operation, args, options } = result.command;
    expect(formatCommand(operation, args, options)).toBe(formatted);
  });
});
