import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLog } from '../../../src/adapters/logging/create-log.ts';

/** Fields whose every read is counted: redaction reads them, a skipped call does not. */
function watchedFields() {
  const reads = { count: 0 };
  const data = {
    get jobId() {
      reads.count += 1;
      return 'J1';
    },
  };
  return { data, reads };
}

/** Powertools prints through its own console on stdout/stderr: capture both. */
function captureLines(): string[] {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLog', () => {
  it('prints at and above its level, with the fields redacted', () => {
    const lines = captureLines();
    const { log } = createLog({ service: 'create-log-test', level: 'WARN' });

    log.warn('slow', { jobId: 'J1', token: 'xoxb-secret' });
    log.error('failed', { jobId: 'J2' });

    const printed = lines.join('\n');
    expect(printed).toContain('"message":"slow"');
    expect(printed).toContain('"message":"failed"');
    expect(printed).not.toContain('xoxb-secret');
  });

  it('returns below its level without printing or reading the fields', () => {
    const lines = captureLines();
    const { log } = createLog({ service: 'create-log-test', level: 'WARN' });
    const { data, reads } = watchedFields();

    log.debug('debug', data);
    log.info('info', data);

    expect(reads.count).toBe(0);
    expect(lines.join('')).not.toContain('"message":"info"');
  });

  it('prints nothing at SILENT, however severe', () => {
    const lines = captureLines();
    const { log } = createLog({ service: 'create-log-test', level: 'SILENT' });
    const { data, reads } = watchedFields();

    log.error('error', data);
    log.warn('warn', data);

    expect(reads.count).toBe(0);
    expect(lines).toEqual([]);
  });

  it('follows a level changed at run time', () => {
    const lines = captureLines();
    const { log, logger } = createLog({ service: 'create-log-test', level: 'ERROR' });
    const { data, reads } = watchedFields();

    log.info('before', data);
    logger.setLogLevel('DEBUG');
    log.info('after', data);

    expect(reads.count).toBeGreaterThan(0);
    expect(lines.join('')).toContain('"message":"after"');
    expect(lines.join('')).not.toContain('"message":"before"');
  });
});
