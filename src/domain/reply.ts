/**
 * What the bot tells a person, independent of Block Kit. Every string here is plain, untrusted
 * text: only the Slack renderer turns it into mrkdwn, and it escapes all of it.
 */
export interface Field {
  label: string;
  /** What the field shows as plain text (with `at`: the words beside the moment, "in 60 min"). */
  value: string;
  /** The field is this moment (ISO 8601): Slack shows it in the reader's own time zone. */
  at?: string;
  /**
   * The field names these Slack users (`U…`, `W…`) or user groups (`S…`): Slack shows them as
   * mentions. Only ids the bot read from Slack or the policy, never text a person typed.
   */
  people?: readonly string[];
}

export interface ListItem {
  title: string;
  /** Shown small, under the item: ids are for copying, not for reading. */
  id?: string;
  fields?: Field[];
  url?: string;
  /** Items of a list that spans organizations are grouped under their organization's name. */
  group?: string;
  /**
   * A button beside the item that runs this command for whoever clicks it, exactly as if they had
   * typed it (the same parsing, policy and approval, decided at the click); its answer comes as a
   * new message to the clicker, so the list (which others may see) stays as it is.
   */
  command?: { label: string; text: string };
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
  | {
      kind: 'detail';
      title: string;
      fields: Field[];
      url?: string;
      /** What the link to `url` says (default: "Open in Arize"). */
      urlLabel?: string;
      context?: string;
    }
  | { kind: 'error'; code: string; message: string; hint?: string; usage?: string };
