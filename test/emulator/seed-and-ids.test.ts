import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_CHOICES } from '../../src/local/arize-emulator/choices.ts';
import { decodeId, encodeId, ID_TYPES } from '../../src/local/arize-emulator/ids.ts';
import {
  demoSeed,
  loadSeedFile,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { SubstringIndex } from '../../src/local/arize-emulator/substring-index.ts';
import { raw } from './support/target.ts';

const dir = mkdtempSync(join(tmpdir(), 'arize-emulator-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SDKs' own id test (ax-client utils/resolve.ts isBase64Id; not exported). */
const isResourceId = (value: string): boolean => {
  try {
    return atob(value).includes(':');
  } catch {
    return false;
  }
};

describe('ids', () => {
  it('encodes Type:n:salt as URL-safe base64 that ax-client recognises and we decode back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(ID_TYPES)),
        fc.integer({ min: 1, max: 10_000_000 }),
        (type, n) => {
          const id = encodeId(type, n);
          expect(isResourceId(id)).toBe(true);
          expect(id).not.toMatch(/[+/]/);
          expect(decodeId(id)).toMatchObject({ type, n });
        },
      ),
    );
  });

  it('rejects values that are not strict base64 of Type:n', () => {
    for (const value of [
      '',
      'production',
      'xx',
      'U3BhY2U=',
      Buffer.from('Space:abc').toString('base64'),
      'U3BhY2U6MTpOUQ==!',
    ]) {
      expect(decodeId(value)).toBeUndefined();
    }
  });
});

describe('substring index', () => {
  it('returns a superset of the case-insensitive substring matches, or undefined to scan', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'C', 'd', '-', '@'),
      minLength: 0,
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 40 }),
        word,
        fc.integer({ min: 1, max: 50 }),
        (texts, query, max) => {
          const index = new SubstringIndex(max);
          for (const [n, text] of texts.entries()) index.add(n, text);
          if (texts.length > 0) index.remove(0, texts[0] as string);
          const expected = texts
            .map((text, n) => ({ text, n }))
            .filter(({ text, n }) => n !== 0 && text.toLowerCase().includes(query.toLowerCase()))
            .map(({ n }) => n);
          const candidates = index.candidates(query);
          if (candidates === undefined) return;
          for (const n of expected) expect(candidates.has(n)).toBe(true);
          if (query.length > 0) expect(candidates.has(0)).toBe(false);
        },
      ),
    );
  });
});

describe('seed files', () => {
  it('loads a JSON seed file and serves it', async () => {
    const path = join(dir, 'seed.json');
    writeFileSync(
      path,
      JSON.stringify({
        users: [
          { name: 'Root', email: 'root@example.org', role: 'ADMIN' },
          { name: 'Member', email: 'member@example.org' },
        ],
        organizations: [
          {
            name: 'Solo',
            members: [{ email: 'member@example.org', role: 'MEMBER' }],
            spaces: [
              { name: 'only', members: [{ email: 'member@example.org', role: 'READ_ONLY' }] },
            ],
          },
        ],
      }),
    );
    const emulator = await startArizeEmulator({
      seed: loadSeedFile(path),
      adminApiKey: 'ak-custom-admin-key-1',
    });
    try {
      const spaces = await raw(
        { baseUrl: emulator.url, apiKey: 'ak-custom-admin-key-1' },
        'GET',
        '/v2/spaces',
      );
      expect(spaces.body.spaces.map((s: { name: string }) => s.name)).toEqual(['only']);
      const users = await raw(
        { baseUrl: emulator.url, apiKey: 'ak-custom-admin-key-1' },
        'GET',
        '/v2/users',
      );
      expect(users.body.users.map((u: { email: string }) => u.email)).toEqual([
        'root@example.org',
        'member@example.org',
      ]);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['a bad email', JSON.stringify({ users: [{ name: 'x', email: 'nope' }] }), /users\.0\.email/],
  ])('rejects a seed file with %s', (_label, text, message) => {
    const path = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(path, text);
    expect(() => loadSeedFile(path)).toThrow(message);
  });

  it('refuses a seed whose space member is not in the org', async () => {
    const seed = {
      users: [{ name: 'a', email: 'a@example.org', role: 'ADMIN' as const }],
      organizations: [
        {
          name: 'O',
          spaces: [{ name: 's', members: [{ email: 'a@example.org', role: 'MEMBER' as const }] }],
        },
      ],
    };
    await expect(startArizeEmulator({ seed })).rejects.toThrow(/not in 'O'/);
  });

  it('keeps the demo seed names other suites rely on', () => {
    const seed = demoSeed();
    expect(seed.users.map((u) => u.email)).toEqual(
      expect.arrayContaining([
        'arize-ops-bot@example.com',
        'alice@example.com',
        'grace@example.com',
      ]),
    );
    expect(seed.organizations?.map((o) => o.name)).toEqual(['Acme ML', 'Research Lab']);
  });
});

describe('documented choices', () => {
  it('lists every choice of choices.ts in the README', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(
      new URL('../../src/local/arize-emulator/README.md', import.meta.url),
      'utf8',
    );
    const missing = DOCUMENTED_CHOICES.filter((c) => !readme.includes(`\`${c.id}\``)).map(
      (c) => c.id,
    );
    expect(missing).toEqual([]);
  });
});
