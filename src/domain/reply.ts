/**
 * What the bot tells a person, independent of Block Kit. Every string here is plain, untrusted
 * text: only the Slack renderer turns it into mrkdwn, and it escapes all of it.
 */
export interface Field {
  label: string;
  value: string;
}

export interface ListItem {
  title: string;
  id?: string;
  fields?: Field[];
  url?: string;
}

export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'progress'; text: string }
  | {
      kind: 'list';
      title: string;
      /** A line under the title, e.g. which org the list was scoped to. */
      context?: string;
      items: ListItem[];
      empty: string;
      /** Present when more pages exist: the command to run for the next page. */
      more?: { label: string; command: string };
    }
  | { kind: 'detail'; title: string; fields: Field[]; url?: string; context?: string }
  | { kind: 'error'; code: string; message: string; hint?: string; usage?: string };
