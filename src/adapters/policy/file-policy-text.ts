import { readFileSync } from 'node:fs';
import type { PolicyText } from './last-good-policy-source.ts';

/**
 * A policy file on disk, read on every call: locally an edit applies at the next request. Read
 * synchronously: a few kilobytes from the page cache take microseconds, while the promise-based
 * `readFile` (open, stat, read, close on the thread pool) cost 0.6 ms of CPU per ack in the
 * ack-latency bench.
 */
export const filePolicyText =
  (path: string): PolicyText =>
  async () =>
    readFileSync(path, 'utf8');
