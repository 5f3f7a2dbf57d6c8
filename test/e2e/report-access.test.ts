import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { shownText, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  client = stackClient(stack);
});
afterAll(async () => stack.close());

const today = () => new Date().toISOString().slice(0, 10);

describe('/arize report access on the local stack (signed command, worker, dynalite)', () => {
  it('sends one organization’s report to the requester’s DM, the CSV in its thread', async () => {
    const { status } = await client.command('report access --org "Acme ML"', 'U0CAROL01');
    const note = await client.waitFor((all) =>
      all.find((m) => m.text.includes('Sent the access report of Acme ML')),
    );
    const summary = (await client.messages()).find(
      (m) => m.channel === 'D0CAROL01' && shownText(m).includes('Arize access report (Acme ML)'),
    );
    const file = await client.waitFor(() =>
      stack.slack.files().find((f) => f.filename === `arize-access-Acme-ML-${today()}.csv`),
    );

    expect(status).toBe(200);
    expect(note.ephemeral).toBe(true);
    expect(note.text).toContain(`with arize-access-Acme-ML-${today()}.csv in its thread`);
    if (!summary) throw new Error('no summary in the DM');
    expect(shownText(summary)).not.toContain('Research Lab');
    expect(file.channel).toBe('D0CAROL01');
    expect(file.threadTs).toBe(summary?.ts);
    const rows = parseCsv(file.content ?? '');
    expect(rows[0]?.slice(0, 2)).toEqual(['organization', 'space']);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[0] === 'Acme ML')).toBe(true);
  });

  it('names an unknown organization clearly and sends nothing', async () => {
    const files = stack.slack.files().length;
    await client.command('report access --org "No Such Org"', 'U0CAROL01');
    const refusal = await client.waitFor((all) =>
      all.find((m) => m.user === 'U0CAROL01' && shownText(m).includes('No Such Org')),
    );

    expect(shownText(refusal)).toContain("No organization named 'No Such Org'");
    expect(stack.slack.files()).toHaveLength(files);
  });
});
