export type MessageSource =
  | 'chat.postMessage'
  | 'chat.postEphemeral'
  | 'chat.update'
  | 'response_url'
  | 'command_ack'
  | 'files.completeUploadExternal';

/** One earlier state of a message or view. */
export interface MessageVersion {
  text: string;
  blocks: unknown[];
  source: MessageSource;
  at: string;
}

/** A message the bot posted or responded with, in its current state. */
export interface RecordedMessage {
  /** The stand-in's own id (stable across updates); the sandbox page sends it back with clicks. */
  id: string;
  /** Null when a response URL the stand-in did not issue was used (no channel is known). */
  channel: string | null;
  ts: string;
  /** The one person who sees an ephemeral message. */
  user?: string;
  ephemeral: boolean;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  /** How the message was first produced. */
  source: MessageSource;
  deleted?: boolean;
  /** Earlier states, oldest first; each update pushes the state it replaced. */
  versions: MessageVersion[];
  postedAt: string;
  updatedAt?: string;
}

export type ViewSource = 'views.open' | 'views.push';

export interface RecordedView {
  id: string;
  source: ViewSource;
  user?: string;
  rootViewId: string;
  previousViewId: string | null;
  /** The view as Slack would return it (type, title, blocks, hash, …). */
  view: Record<string, unknown>;
  versions: Array<Record<string, unknown>>;
  /**
   * Set when the person closed it (Slack then answers views.update with `not_found`), or when it
   * was submitted and the app let it close (or cleared the stack).
   */
  closed?: boolean;
}

export interface MessageStore {
  add(message: Omit<RecordedMessage, 'id' | 'versions' | 'postedAt'>): RecordedMessage;
  update(
    id: string,
    next: { text?: string; blocks?: unknown[] },
    source: MessageSource,
  ): RecordedMessage;
  remove(id: string): void;
  byId(id: string): RecordedMessage | undefined;
  byTs(channel: string, ts: string): RecordedMessage | undefined;
  all(): RecordedMessage[];
  addView(view: Omit<RecordedView, 'versions'>): RecordedView;
  updateView(id: string, view: Record<string, unknown>): RecordedView;
  view(id: string): RecordedView | undefined;
  closeView(id: string): RecordedView | undefined;
  views(): RecordedView[];
  clear(): void;
}

export const createMessageStore = (now: () => Date): MessageStore => {
  let messages: RecordedMessage[] = [];
  let views: RecordedView[] = [];
  let seq = 0;
  // What produced each message's current state, so a pushed version says where it came from.
  const stateSource = new Map<string, MessageSource>();

  const mustGet = (id: string): RecordedMessage => {
    const message = messages.find((m) => m.id === id);
    if (!message) throw new Error(`no message ${id}`);
    return message;
  };

  return {
    add(message) {
      seq += 1;
      const recorded: RecordedMessage = {
        ...message,
        id: `M${String(seq).padStart(6, '0')}`,
        versions: [],
        postedAt: now().toISOString(),
      };
      messages.push(recorded);
      stateSource.set(recorded.id, recorded.source);
      return recorded;
    },
    update(id, next, source) {
      const message = mustGet(id);
      message.versions.push({
        text: message.text,
        blocks: message.blocks,
        source: stateSource.get(id) ?? message.source,
        at: message.updatedAt ?? message.postedAt,
      });
      if (next.text !== undefined) message.text = next.text;
      if (next.blocks !== undefined) message.blocks = next.blocks;
      message.updatedAt = now().toISOString();
      stateSource.set(id, source);
      return message;
    },
    remove(id) {
      const message = mustGet(id);
      message.deleted = true;
      message.updatedAt = now().toISOString();
    },
    byId: (id) => messages.find((m) => m.id === id),
    byTs: (channel, ts) => messages.find((m) => m.channel === channel && m.ts === ts),
    all: () => structuredClone(messages),
    addView(view) {
      const recorded: RecordedView = { ...view, versions: [] };
      views.push(recorded);
      return recorded;
    },
    updateView(id, view) {
      const recorded = views.find((v) => v.id === id);
      if (!recorded) throw new Error(`no view ${id}`);
      recorded.versions.push(recorded.view);
      recorded.view = view;
      return recorded;
    },
    view: (id) => views.find((v) => v.id === id),
    closeView(id) {
      const recorded = views.find((v) => v.id === id);
      if (recorded) recorded.closed = true;
      return recorded;
    },
    views: () => structuredClone(views),
    clear() {
      messages = [];
      views = [];
      stateSource.clear();
    },
  };
};
