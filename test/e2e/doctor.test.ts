import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { botScopes } from '../../src/adapters/slack/slack-scopes.ts';
import type { Job } from '../../src/domain/job.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/seed/demo-seed.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { type StandinMessage, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;
beforeAll(async () => {
  stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  client = stackClient(stack);
});
afterEach(() => {
  stack.slack.reset();
  stack.emulator?.reset();
});
afterAll(() => stack.close());

type Section = StandinMessage['blocks'][number] & { fields?: { text: string }[] };

/** Alice (a policy admin) runs `/arize doctor`: each line's title (✓ or ✗ …) → what it says. */
async function doctor(): Promise<Map<string, string>> {
  await client.command('doctor', 'U0ALICE01');
  const report = await client.waitFor((all) =>
    all.find((m) =>
      m.blocks.some((b) => b.elements?.some((e) => / checks pass$/.test(e.text ?? ''))),
    ),
  );
  const sections = (report.blocks as Section[]).filter((b) => b.type === 'section');
  return new Map(
    sections.map((s) => [s.text?.text ?? '', (s.fields ?? []).map((f) => f.text).join('\n')]),
  );
}

/** Arize revokes the bot's own admin key, as an admin in the Arize UI would. */
async function revokeBotKey(): Promise<void> {
  const headers = { authorization: `Bearer ${DEMO_ADMIN_API_KEY}` };
  const listed = await fetch(`${stack.arizeUrl}/v2/api-keys?key_type=USER`, { headers });
  const { api_keys } = (await listed.json()) as {
    api_keys: { id: string; redacted_key: string }[];
  };
  const own = api_keys.find((key) => DEMO_ADMIN_API_KEY.startsWith(key.redacted_key.slice(0, 6)));
  if (!own) throw new Error('the emulator lists no key of the bot');
  const revoked = await fetch(`${stack.arizeUrl}/v2/api-keys/${own.id}/revoke`, {
    method: 'PUT',
    headers,
  });
  expect(revoked.status).toBe(204);
}

describe('/arize doctor on the local stack', () => {
  it('passes every check of a healthy deployment, naming the policy it decides under', async () => {
    const lines = await doctor();
    expect([...lines.keys()]).toEqual([
      '✓ Slack bot token',
      '✓ Slack bot scopes',
      '✓ Bot in the approvals channel',
      '✓ Arize admin key (REST)',
      '✓ Arize developer key (GraphQL)',
      '✓ Policy in force',
      '✓ Schedules',
      '✓ Dead-letter queue',
    ]);
    expect(lines.get('✓ Arize admin key (REST)')).toContain('arize-ops-bot@example.com');
    expect(lines.get('✓ Policy in force')).toMatch(/version 3, sha256 [0-9a-f]{12}/);
    expect(lines.get('✓ Schedules')).toContain('sweep, grant-ends, access-report');
  });

  it('is refused to someone the policy does not let request every risk', async () => {
    const { ack } = await client.command('doctor', 'U0DAVE001');
    expect(ack.text).toContain("Only the policy's admins");
  });

  it('fails the token line when Slack refuses the bot token, with where to put a new one', async () => {
    stack.slack.install().revoked = true;
    const lines = await doctor();
    expect(lines.get('✗ Slack bot token')).toContain('Slack refuses the bot token (token_revoked)');
    expect(lines.get('✗ Slack bot token')).toContain('fix: Put the app');
    expect(lines.get('✗ Slack bot token')).toContain('SlackBotTokenArn');
    expect(lines.has('✗ Slack bot scopes')).toBe(true);
    expect(lines.has('✓ Arize admin key (REST)')).toBe(true);
  });

  it('names the scopes the token lacks and how to grant them', async () => {
    stack.slack.install().scopes = Object.keys(botScopes).filter((s) => s !== 'files:write');
    const lines = await doctor();
    expect(lines.get('✗ Slack bot scopes')).toContain('missing files:write.');
    expect(lines.get('✗ Slack bot scopes')).toContain('reinstall the app');
    expect(lines.has('✓ Slack bot token')).toBe(true);
  });

  it('fails the channel line when the bot is not in the approvals channel, with the invite', async () => {
    stack.slack.install().channels.delete('C0APPROVE1');
    const lines = await doctor();
    const line = lines.get('✗ Bot in the approvals channel');
    expect(line).toContain('The bot is not a member of #arize-approvals.');
    expect(line).toContain('fix: Invite the bot: type /invite @arize-ops');
  });

  it('fails the admin-key line when Arize revokes the key, with where to put a new one', async () => {
    await revokeBotKey();
    const lines = await doctor();
    const line = lines.get('✗ Arize admin key (REST)');
    expect(line).toContain("Arize did not accept the bot's API key");
    expect(line).toContain('ArizeApiKeyArn');
    expect(lines.has('✓ Slack bot token')).toBe(true);
  });

  it('fails the dead-letter line while a job waits there, with how to redrive or purge', async () => {
    const job: Job = {
      id: 'doctor-dead-letter',
      kind: 'run-command',
      operationId: 'org.list',
      args: {},
      commandText: 'org list',
      public: false,
      requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
      channelId: 'C0GENERAL1',
      // Nobody answers here, so the dead-letter function cannot report it and it stays.
      responseUrl: 'http://127.0.0.1:1/unreachable',
      enqueuedAt: new Date().toISOString(),
    };
    await stack.deadLetters.send(JSON.stringify(job));
    const lines = await doctor();
    const line = lines.get('✗ Dead-letter queue');
    expect(line).toContain('1 job(s) wait in it.');
    expect(line).toContain('start-message-move-task');
  });
});
