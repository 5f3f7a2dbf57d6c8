import { describe, expect, it } from 'vitest';
import {
  decodeValue,
  encodeValue,
  formatDuration,
  normalizeRole,
} from '../../../src/domain/grammar/values.ts';

describe('normalizeRole', () => {
  it.each([
    ['admin', 'ADMIN'],
    ['ADMIN', 'ADMIN'],
    ['Member', 'MEMBER'],
    ['read-only', 'READ_ONLY'],
    ['readOnly', 'READ_ONLY'],
    ['READ_ONLY', 'READ_ONLY'],
    ['read only', 'READ_ONLY'],
    ['readonly', 'READ_ONLY'],
    ['annotator', 'ANNOTATOR'],
    ['viewer', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
  ])('reads %j as %j', (text, role) => {
    expect(normalizeRole(text)).toBe(role);
  });
});

describe('decodeValue', () => {
  it.each([
    ['text', ' a b ', ' a b '],
    ['list', 'a, b,,c ', ['a', 'b', 'c']],
    ['boolean', 'YES', true],
    ['boolean', 'on', true],
    ['boolean', 'Off', false],
    ['integer', '007', 7],
    ['duration', '30m', 1800],
    ['duration', '8H', 28_800],
    ['duration', '3d', 259_200],
    ['role', 'read-only', 'READ_ONLY'],
  ] as const)('decodes %s %j', (kind, raw, value) => {
    expect(decodeValue(kind, raw, '--x')).toEqual({ ok: true, value });
  });

  it.each([
    ['list', ' , ', '--x needs at least one value.'],
    ['boolean', 'maybe', '--x is true or false, not "maybe".'],
    ['integer', '1.5', '--x must be a whole number, not "1.5".'],
    ['duration', '8', '--x must be a duration like 30m, 8h or 3d, not "8".'],
    ['duration', '1w', '--x must be a duration like 30m, 8h or 3d, not "1w".'],
    ['duration', '0m', '--x must be longer than zero.'],
    ['role', 'viewer', '--x: "viewer" is not an Arize role; use read-only.'],
    ['role', 'editor', '--x: "editor" is not an Arize role; use member.'],
    ['role', 'owner', '--x: "owner" is not an Arize role; use admin.'],
    ['role', 'god', '--x: "god" is not a role. Roles are admin, member, read-only and annotator.'],
  ] as const)('refuses %s %j', (kind, raw, message) => {
    expect(decodeValue(kind, raw, '--x')).toEqual({ ok: false, message });
  });
});

describe('encodeValue', () => {
  it.each([
    ['list', ['a', 'b'], 'a,b'],
    ['duration', 5400, '90m'],
    ['duration', 7200, '2h'],
    ['duration', 172_800, '2d'],
    ['role', 'READ_ONLY', 'read-only'],
    ['boolean', false, 'false'],
    ['integer', 12, '12'],
  ] as const)('encodes %s %j as %j', (kind, value, text) => {
    expect(encodeValue(kind, value as never)).toBe(text);
  });

  it('rounds a duration that is not whole minutes up', () => {
    expect(formatDuration(90)).toBe('2m');
  });
});
