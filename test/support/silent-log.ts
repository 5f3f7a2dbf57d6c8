import type { Log } from '../../src/app/ports.ts';

/** A Log that drops everything: for tests that do not read what was logged. */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
