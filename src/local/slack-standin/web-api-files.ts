import { resolveChannel } from './demo-workspace.ts';
import type { StandinContext } from './standin-context.ts';
import { type ApiMethod, type ApiParams, apiError, param } from './web-api-chat.ts';

/** Where the stand-in receives the bytes of an upload (the `upload_url` it hands out). */
export const UPLOAD_PREFIX = '/slack-upload/';

/** Slack's upper bound on one file (1 GB); the stand-in's request body limit is far lower. */
const MAX_FILE_BYTES = 1024 ** 3;
/** Slack's limit on a message's text, which an initial comment is. */
const MAX_COMMENT_CHARS = 40_000;
/** How long an upload URL works before it must be completed (Slack: minutes). */
const UPLOAD_TTL_MS = 10 * 60_000;

/** A file the bot uploaded, and where it was shared once completed. */
export interface RecordedFile {
  id: string;
  filename: string;
  /** The length announced in files.getUploadURLExternal. */
  length: number;
  title?: string;
  /** The uploaded text (the stand-in keeps it, so tests and the sandbox can read it). */
  content?: string;
  /** The channel it was shared in; absent while pending, or when completed without a channel. */
  channel?: string;
  /** The parent message, when it was shared as a reply in a thread. */
  threadTs?: string;
  initialComment?: string;
  state: 'pending' | 'uploaded' | 'complete';
  issuedAt: string;
}

/** Files by id, in upload order. */
export interface FileStore {
  all(): RecordedFile[];
  get(id: string): RecordedFile | undefined;
  add(file: RecordedFile): void;
  clear(): void;
}

export const createFileStore = (): FileStore => {
  const files = new Map<string, RecordedFile>();
  return {
    all: () => [...files.values()].map((f) => ({ ...f })),
    get: (id) => files.get(id),
    add: (file) => void files.set(file.id, file),
    clear: () => files.clear(),
  };
};

let fileSeq = 0;
const newFileId = (): string => `F0${(++fileSeq).toString(36).toUpperCase().padStart(9, '0')}`;

const missing = (name: string) =>
  apiError('invalid_arguments', [`[ERROR] missing required field: ${name}`]);

const getUploadUrl: ApiMethod = (ctx, params) => {
  const filename = param(params, 'filename');
  if (!filename) return missing('filename');
  const raw = param(params, 'length');
  if (raw === undefined) return missing('length');
  const length = Number(raw);
  if (!Number.isInteger(length) || length < 1 || length > MAX_FILE_BYTES) {
    return apiError('invalid_arguments', ['[ERROR] length must be a positive integer of bytes']);
  }
  const id = newFileId();
  ctx.files.add({ id, filename, length, state: 'pending', issuedAt: ctx.now().toISOString() });
  return { ok: true, upload_url: `${ctx.publicBaseUrl}${UPLOAD_PREFIX}${id}`, file_id: id };
};

/** The `files` argument: a JSON array (or its string form, in a form-encoded call). */
function filesParam(params: ApiParams): { id: string; title?: string }[] | undefined {
  let value = params.files;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const files = value.map((f: unknown) => {
    const entry = f as { id?: unknown; title?: unknown } | null;
    return typeof entry?.id === 'string'
      ? { id: entry.id, ...(typeof entry.title === 'string' ? { title: entry.title } : {}) }
      : undefined;
  });
  return files.every((f) => f !== undefined) ? files : undefined;
}

const completeUpload: ApiMethod = (ctx, params) => {
  const files = filesParam(params);
  if (!files) return missing('files');
  const rawChannel = param(params, 'channel_id');
  const channel = rawChannel === undefined ? undefined : resolveChannel(rawChannel);
  if (rawChannel !== undefined && channel === undefined) return apiError('channel_not_found');
  const comment = param(params, 'initial_comment');
  if (comment !== undefined && comment.length > MAX_COMMENT_CHARS) return apiError('msg_too_long');
  // A reply in a thread needs its channel and a parent message there (stand-in choice of error).
  const threadTs = param(params, 'thread_ts');
  if (threadTs !== undefined && (channel === undefined || !ctx.store.byTs(channel, threadTs))) {
    return apiError('invalid_thread_ts');
  }
  const found = files.map((f) => ctx.files.get(f.id));
  if (found.some((f) => f === undefined || f.state === 'complete')) {
    return apiError('file_not_found');
  }
  if (found.some((f) => f?.state !== 'uploaded')) {
    return apiError('invalid_arguments', ['[ERROR] a file was never uploaded to its upload URL']);
  }
  files.forEach((f, i) => {
    const file = found[i] as RecordedFile;
    file.state = 'complete';
    if (f.title !== undefined) file.title = f.title;
    if (channel !== undefined) file.channel = channel;
    if (threadTs !== undefined) file.threadTs = threadTs;
    if (comment !== undefined) file.initialComment = comment;
  });
  if (channel !== undefined) {
    ctx.store.add({
      channel,
      ts: ctx.mintTs(),
      ephemeral: false,
      text: comment ?? '',
      blocks: [],
      source: 'files.completeUploadExternal',
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
  }
  return {
    ok: true,
    files: found.map((f) => ({ id: f?.id, name: f?.filename, title: f?.title ?? f?.filename })),
  };
};

/**
 * The bytes of an upload, POSTed raw to the upload URL: accepted once, within its time, and only
 * with exactly the announced length (Slack fails such a file when it is completed).
 */
export function receiveUpload(
  ctx: StandinContext,
  fileId: string,
  body: string,
): { status: number; body: string } {
  const file = ctx.files.get(fileId);
  if (file?.state !== 'pending') return { status: 404, body: 'not_found' };
  if (ctx.now().getTime() - Date.parse(file.issuedAt) > UPLOAD_TTL_MS) {
    return { status: 404, body: 'expired' };
  }
  const length = Buffer.byteLength(body, 'utf8');
  if (length !== file.length) return { status: 400, body: 'length_mismatch' };
  file.content = body;
  file.state = 'uploaded';
  return { status: 200, body: `OK - ${length}` };
}

export const FILE_METHODS: Record<string, ApiMethod> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
