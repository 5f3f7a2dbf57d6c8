import { localStackConfigSchema, parseConfig, silenceArizePrereleaseWarning } from '../config.ts';
import { LOCAL_SIGNING_SECRET, startLocalStack } from './local-stack.ts';
import { localStackOptionsFrom } from './local-stack-options.ts';
import { quietSdkNodeVersionWarning } from './quiet-sdk-warnings.ts';
import { DEMO_WORKSPACE } from './slack-standin/slack-standin.ts';

/** `npm start`: the whole bot on this machine, with a demo Arize account and Slack workspace. */
async function main(): Promise<void> {
  silenceArizePrereleaseWarning();
  quietSdkNodeVersionWarning();
  const config = parseConfig(localStackConfigSchema);
  const stack = await startLocalStack(localStackOptionsFrom(config));
  const builtIn = stack.signingSecret === LOCAL_SIGNING_SECRET;
  const lines = [
    'arize-ops is running locally (Ctrl-C to stop).',
    '',
    `  Slack commands      POST ${stack.commandsUrl}`,
    `  Slack interactions  POST ${stack.interactionsUrl}`,
    `  Arize ${stack.emulator ? 'emulator   ' : 'API        '}  ${stack.arizeUrl}`,
    `  Messages posted     GET  ${stack.url}/sandbox/api/messages`,
    ...(builtIn ? [`  Sandbox page        ${stack.url}/sandbox`] : []),
    '',
    builtIn
      ? `  Signing secret (built-in, for local use only): ${stack.signingSecret}`
      : '  Signing secret: from SLACK_SIGNING_SECRET (the sandbox page is off)',
    `  Demo workspace ${DEMO_WORKSPACE.teamId}: U0ALICE01 admin, U0BOB0001 approver, U0CAROL01 operator, U0DAVE001 read-only, U0EVE0001 not allowed`,
    '',
    'Try it (a slash command signed as Slack signs it):',
    '',
    curlExample(
      stack.commandsUrl,
      stack.url,
      builtIn ? stack.signingSecret : '$SLACK_SIGNING_SECRET',
    ),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function curlExample(commandsUrl: string, baseUrl: string, secret: string): string {
  return [
    `SECRET='${secret}'`,
    `BODY="token=x&team_id=T0LOCAL01&team_domain=arize-ops-local&channel_id=C0GENERAL1&channel_name=general&user_id=U0ALICE01&user_name=alice&command=%2Farize&text=space+list&api_app_id=A0ARIZEOPS&response_url=${encodeURIComponent(`${baseUrl}/slack-response/try-1`)}&trigger_id=try.$(date +%s)"`,
    'TS=$(date +%s)',
    `SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"`,
    `curl -s -X POST ${commandsUrl} -H "x-slack-request-timestamp: $TS" -H "x-slack-signature: $SIG" \\`,
    `  -H 'content-type: application/x-www-form-urlencoded' --data "$BODY"; echo`,
    `sleep 1; curl -s ${baseUrl}/sandbox/api/messages`,
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `arize-ops could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
