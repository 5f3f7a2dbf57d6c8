import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { localStackConfigSchema, parseConfig } from '../config.ts';
import {
  type ScheduledJobName,
  scheduledJobDefinitions,
  scheduledJobNames,
} from '../domain/jobs/scheduled-jobs.ts';
import { closest } from '../domain/suggest.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './local-stack.ts';
import { localStackOptionsFrom } from './local-stack-options.ts';
import type { RecordedFile, RecordedMessage } from './slack-standin/slack-standin.ts';

export interface JobCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Tests start the stack with their own options (e.g. a fixed clock). */
  startStack?: (options: LocalStackOptions) => Promise<LocalStack>;
}

const usage = [
  'usage: npm run job -- NAME [--at ISO-TIME] [--out DIR]',
  '       npm run job -- --list',
  '',
  'Runs one scheduled job now on the local stack (the Arize emulator, or a real Arize when',
  'ARIZE_BASE_URL and ARIZE_API_KEY are set), as of --at (default: now), and prints what it',
  'did and every Slack message and file it posted. --out DIR saves the files it shared.',
].join('\n');

/** `npm run job`: the exit code (0 done, 1 the job failed, 2 a usage error). */
export async function runJobCli(argv: readonly string[], io: JobCliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error: unknown) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (parsed.list) {
    io.stdout(`${listJobs()}\n`);
    return 0;
  }
  const { job, at, out } = parsed;
  const options = {
    ...localStackOptionsFrom(parseConfig(localStackConfigSchema, io.env)),
    // Nothing listens for Slack here, and only this run's job runs.
    port: 0,
    emulatorPort: 0,
    schedulerTickMs: 0,
    refreshDirectoryAtStart: false,
  };
  const stack = await (io.startStack ?? startLocalStack)(options);
  try {
    const before = { messages: stack.slack.messages().length, files: stack.slack.files().length };
    let result: Awaited<ReturnType<LocalStack['runJob']>>;
    try {
      result = await stack.runJob(job, at);
      await stack.settleJobs();
    } catch (error: unknown) {
      io.stderr(`${job} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const final = stack.jobResults().get(`${result.job}@${result.at}`) ?? result;
    io.stdout(`${describeResult(final)}\n`);
    const messages = stack.slack.messages().slice(before.messages);
    const files = stack.slack.files().slice(before.files);
    io.stdout(describePosts(messages, files));
    if (out && files.length > 0) io.stdout(await saveFiles(files, out));
    return final.state === 'continued' ? 1 : 0;
  } finally {
    await stack.close();
  }
}

function parseCliArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) throw new Error('arize-ops scheduled jobs');
  if (values.list) return { list: true as const };
  const [name, ...extra] = positionals;
  if (!name) throw new Error(`Name a job: ${scheduledJobNames.join(', ')}.`);
  if (extra.length > 0) throw new Error(`One job at a time (also given: ${extra.join(' ')}).`);
  if (!isJobName(name)) {
    const [close] = closest(name, scheduledJobNames, 1);
    throw new Error(
      `No job "${name}"${close ? ` (did you mean ${close}?)` : ''}. Jobs: ${scheduledJobNames.join(', ')}.`,
    );
  }
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (
    values.at !== undefined &&
    (!/^\d{4}-\d\d-\d\dT/.test(values.at) || Number.isNaN(at.getTime()))
  ) {
    throw new Error(`--at ${values.at} is not an ISO time (e.g. 2026-12-07T08:00:00Z).`);
  }
  return { list: false as const, job: name, at, out: values.out };
}

const isJobName = (name: string): name is ScheduledJobName =>
  (scheduledJobNames as readonly string[]).includes(name);

function listJobs(): string {
  const width = Math.max(...scheduledJobNames.map((name) => name.length));
  return scheduledJobNames
    .map((name) => {
      const { description, schedule } = scheduledJobDefinitions[name];
      return `${name.padEnd(width)}  ${schedule.expression} ${schedule.timeZone}  ${description}`;
    })
    .join('\n');
}

function describeResult(result: Awaited<ReturnType<LocalStack['runJob']>>): string {
  const actions = Object.entries(result.actions)
    .map(([action, count]) => `${action} ${count}`)
    .join(', ');
  const state = {
    finished: 'finished',
    'already-finished': 'had already run for this time (nothing posted again)',
    'already-running': 'is already running for this time',
    continued: 'was cut off and did not finish',
  }[result.state];
  return `${result.job} as of ${result.at} ${state}${actions ? `: ${actions}` : ''}.`;
}

function describePosts(messages: RecordedMessage[], files: RecordedFile[]): string {
  if (messages.length === 0 && files.length === 0) return 'Posted nothing to Slack.\n';
  const lines = messages.map(
    (m) => `\n── message in ${m.channel ?? 'a response URL'}\n${messageText(m)}`,
  );
  for (const file of files) {
    lines.push(
      `\n── file ${file.filename} (${file.length} bytes) in ${file.channel ?? 'no channel'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A message as a reader sees it: its blocks' text, else its fallback text. */
function messageText(message: RecordedMessage): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string') texts.push(record.text);
    for (const [key, value] of Object.entries(record)) if (key !== 'text') visit(value);
    if (typeof record.text === 'object') visit(record.text);
  };
  visit(message.blocks);
  return (texts.length > 0 ? texts : [message.text]).join('\n');
}

async function saveFiles(files: RecordedFile[], dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const saved: string[] = [];
  for (const file of files) {
    const path = join(dir, basename(file.filename));
    await writeFile(path, file.content ?? '');
    saved.push(`Saved ${path}`);
  }
  return `${saved.join('\n')}\n`;
}
