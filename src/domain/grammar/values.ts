import type { ValueKind } from '../operations/operation.ts';

/** A decoded argument value; each kind has one canonical form so formatting round-trips. */
export type ArgValue = string | string[] | boolean | number;

export type DecodeResult = { ok: true; value: ArgValue } | { ok: false; message: string };

const durationUnits = { m: 60, h: 3600, d: 86_400 } as const;

const roleSpellings = new Map([
  ['admin', 'ADMIN'],
  ['member', 'MEMBER'],
  ['readonly', 'READ_ONLY'],
  ['annotator', 'ANNOTATOR'],
]);

/** Turns any spelling people use (`read-only`, `readOnly`, `READ_ONLY`) into the REST enum. */
export function normalizeRole(text: string): string | undefined {
  return roleSpellings.get(text.toLowerCase().replace(/[-_\s]/g, ''));
}

export function decodeValue(kind: ValueKind, raw: string, label: string): DecodeResult {
  switch (kind) {
    case 'text':
      return { ok: true, value: raw };
    case 'list': {
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return items.length > 0
        ? { ok: true, value: items }
        : { ok: false, message: `${label} needs at least one value.` };
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (['true', 'yes', 'on'].includes(lower)) return { ok: true, value: true };
      if (['false', 'no', 'off'].includes(lower)) return { ok: true, value: false };
      return { ok: false, message: `${label} is true or false, not "${raw.slice(0, 40)}".` };
    }
    case 'integer':
      return /^\d{1,9}$/.test(raw)
        ? { ok: true, value: Number(raw) }
        : { ok: false, message: `${label} must be a whole number, not "${raw.slice(0, 40)}".` };
    case 'duration': {
      const match = /^(\d{1,6})([mhd])$/i.exec(raw);
      if (!match) {
        return {
          ok: false,
          message: `${label} must be a duration like 30m, 8h or 3d, not "${raw.slice(0, 40)}".`,
        };
      }
      const unit = (match[2] as string).toLowerCase() as keyof typeof durationUnits;
      const seconds = Number(match[1]) * durationUnits[unit];
      return seconds > 0
        ? { ok: true, value: seconds }
        : { ok: false, message: `${label} must be longer than zero.` };
    }
    case 'role': {
      const role = normalizeRole(raw);
      if (role) return { ok: true, value: role };
      const near = roleLookalikes.get(raw.toLowerCase());
      const shown = `"${raw.slice(0, 40)}"`;
      return {
        ok: false,
        message: near
          ? `${label}: ${shown} is not an Arize role; use ${near}.`
          : `${label}: ${shown} is not a role. Roles are admin, member, read-only and annotator.`,
      };
    }
  }
}

/** Words people borrow from other tools, and the Arize role they most likely mean. */
const roleLookalikes = new Map([
  ['viewer', 'read-only'],
  ['reader', 'read-only'],
  ['read', 'read-only'],
  ['editor', 'member'],
  ['writer', 'member'],
  ['owner', 'admin'],
]);

/** The canonical text of a value, the inverse of `decodeValue`. */
export function encodeValue(kind: ValueKind, value: ArgValue): string {
  if (kind === 'list' && Array.isArray(value)) return value.join(',');
  if (kind === 'duration' && typeof value === 'number') return formatDuration(value);
  if (kind === 'role' && typeof value === 'string') return value.toLowerCase().replace('_', '-');
  return String(value);
}

export function formatDuration(seconds: number): string {
  if (seconds % durationUnits.d === 0) return `${seconds / durationUnits.d}d`;
  if (seconds % durationUnits.h === 0) return `${seconds / durationUnits.h}h`;
  return `${Math.ceil(seconds / durationUnits.m)}m`;
}
