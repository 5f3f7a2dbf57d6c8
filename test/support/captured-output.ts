import { vi } from 'vitest';

/**
 * Captures every line this process writes, however it is written (stdout, stderr, console), into
 * `lines`, and stops the output reaching the terminal. `vi.restoreAllMocks()` undoes it.
 */
export function captureAllOutput(lines: string[]): void {
  const capture = (chunk: unknown): void => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
  };
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      capture(chunk);
      return true;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      capture(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
}
