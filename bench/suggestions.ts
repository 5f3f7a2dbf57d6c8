import { generateLargeSeed } from '../src/local/arize-emulator/index.ts';
import { type LocalStack, startLocalStack } from '../src/local/local-stack.ts';
import { signSlackRequest } from '../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockSuggestionPayload,
  buildSlashCommandBody,
} from '../src/local/slack-standin/slack-payloads.ts';
import { type Figure, percentile } from './figure.ts';

const spaces = 1000;
const requests = 400;

/** Sends a signed body as Slack does; the milliseconds until the whole answer arrived. */
async function timedPost(stack: LocalStack, url: string, body: string): Promise<[number, string]> {
  const headers = {
    ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
    'content-type': 'application/x-www-form-urlencoded',
  };
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`answered ${response.status}: ${text}`);
  return [elapsed, text];
}

/**
 * The request modal's block_suggestion answer on the local stack: an account of 1,000 spaces in
 * 10 organizations, read into the name directory by the directory-refresh job; then signed
 * block_suggestion requests for the space select (what a person types: nothing, a prefix, a
 * fragment, a whole name), one at a time, over HTTP through API Gateway's stand-in, the real
 * slack function and its DynamoDB read (dynalite). Slack drops answers slower than 3 s.
 */
export async function benchSuggestions(): Promise<Figure[]> {
  const stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'SILENT',
    schedulerTickMs: 0,
  });
  try {
    stack.emulator?.seedFrom(
      generateLargeSeed({ users: 10, spaces, memberships: 0, spacesPerOrg: 100 }),
    );
    const refreshed = await stack.runJob('directory-refresh', new Date());
    if (refreshed.actions.spaces !== spaces) {
      throw new Error(`the directory has ${refreshed.actions.spaces} spaces, not ${spaces}`);
    }
    const user = 'U0DAVE001';
    await timedPost(
      stack,
      stack.commandsUrl,
      buildSlashCommandBody({
        userId: user,
        channelId: 'C0GENERAL1',
        text: 'request',
        responseUrl: stack.slack.newResponseUrl('C0GENERAL1', user),
        triggerId: stack.slack.newTriggerId(user),
      }),
    );
    const view = stack.slack
      .views()
      .filter((v) => v.user === user)
      .at(-1)?.view;
    if (!view) throw new Error('the request modal did not open');
    const typed = ['', 'space-', 'space-9', 'SPACE-12', '-5', '99', 'space-999', 'nothing-like-it'];
    const ask = (value: string) =>
      timedPost(
        stack,
        stack.interactionsUrl,
        new URLSearchParams({
          payload: JSON.stringify(
            buildBlockSuggestionPayload({
              userId: user,
              view,
              blockId: 'request-space',
              actionId: 'request-space-input',
              value,
            }),
          ),
        }).toString(),
      );
    for (const value of typed) await ask(value);
    const samples: number[] = [];
    let most = 0;
    for (let i = 0; i < requests; i += 1) {
      const [ms, text] = await ask(typed[i % typed.length] as string);
      samples.push(ms);
      most = Math.max(most, (JSON.parse(text) as { options: unknown[] }).options.length);
    }
    samples.sort((a, b) => a - b);
    return [
      {
        name: 'suggestions-1000-spaces-p99',
        value: percentile(samples, 99),
        unit: 'ms',
        details: `p50 ${percentile(samples, 50).toFixed(1)} ms, max ${percentile(samples, 100).toFixed(1)} ms, n=${samples.length}, ${spaces} spaces in the directory, at most ${most} options per answer`,
      },
    ];
  } finally {
    await stack.close();
  }
}
