import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { runDriftCli } from '../../src/local/drift-cli.ts';

let emulator: ArizeEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'drift-'));
});
afterAll(() => emulator.close());

/** The demo account's production space in Acme ML, exactly as the emulator seeds it. */
const production = {
  'bob@example.com': 'admin',
  'carol@example.com': 'member',
  'dave@example.com': 'read-only',
  'service-key-6@bots.arize.local': 'member',
  'service-key-7@bots.arize.local': 'read-only',
};

async function drift(content: unknown) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDriftCli([file], {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: { ARIZE_BASE_URL: emulator.url, ARIZE_API_KEY: DEMO_ADMIN_API_KEY },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('npm run drift (runDriftCli)', () => {
  it('exits 0 and says so when Arize matches the file', async () => {
    const result = await drift({ version: 1, organization: 'Acme ML', spaces: { production } });

    expect(result).toEqual({
      code: 0,
      stdout: 'No drift in Acme ML: 1 managed space(s) match the file.\n',
      stderr: '',
    });
  });

  it('prints the plan of a seeded difference per space and exits 1', async () => {
    const { 'dave@example.com': _dave, ...withoutDave } = production;
    const result = await drift({
      version: 1,
      organization: 'Acme ML',
      spaces: {
        production: {
          ...withoutDave,
          'bob@example.com': 'member',
          'Frank@Example.com': 'Annotator',
        },
        'no-such-space': {},
      },
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'Drift in Acme ML: 2 of 2 managed space(s) differ (4 difference(s)).',
        'no-such-space: not in Arize (create the space first; nothing is proposed for it)',
        'production:',
        '  ~ change bob@example.com: admin → member',
        '  - remove dave@example.com (read-only)',
        '  + add frank@example.com as annotator',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [
      'a role that does not exist',
      { version: 1, organization: 'Acme ML', spaces: { production: { 'a@example.com': 'owner' } } },
      'spaces.production.a@example.com: a space role: admin, member, read-only or annotator',
    ],
    [
      'a member that is not an e-mail',
      { version: 1, organization: 'Acme ML', spaces: { production: { alice: 'admin' } } },
      'spaces.production.alice: an e-mail address',
    ],
    [
      'a member listed twice',
      {
        version: 1,
        organization: 'Acme ML',
        spaces: { production: { 'a@example.com': 'admin', 'A@example.com': 'member' } },
      },
      'spaces.production.A@example.com: listed twice',
    ],
    ['no version', { organization: 'Acme ML', spaces: {} }, 'version: version 1'],
    ['an unknown key', { version: 1, organization: 'x', spaces: {}, users: {} }, 'users'],
    ['text that is not JSON', '{ version: 1', 'not valid JSON'],
  ])('exits 2 on %s with the parser’s message', async (_name, content, message) => {
    const result = await drift(content);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('exits 2 naming an unknown organization', async () => {
    const result = await drift({ version: 1, organization: 'Acme', spaces: {} });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No organization named 'Acme'.");
  });

  it('exits 2 with the usage without a file', async () => {
    const err: string[] = [];
    const code = await runDriftCli([], {
      stdout: () => {},
      stderr: (t) => void err.push(t),
      env: {},
    });

    expect(code).toBe(2);
    expect(err.join('')).toContain('usage: npm run drift -- FILE');
  });
});
