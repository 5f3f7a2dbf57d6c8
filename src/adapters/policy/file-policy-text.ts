import { readFile } from 'node:fs/promises';
import type { PolicyText } from './last-good-policy-source.ts';

/** A policy file on disk, read on every call: locally an edit applies at the next request. */
export const filePolicyText =
  (path: string): PolicyText =>
  () =>
    readFile(path, 'utf8');
