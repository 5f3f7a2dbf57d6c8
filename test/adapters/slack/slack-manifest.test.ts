import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { slackRoutePaths } from '../../../cdk/constructs/slack-ingress.ts';
import { runManifestCommand } from '../../../scripts/manifest.ts';
import {
  buildSlackManifest,
  parseApiUrl,
  slackEndpointPaths,
} from '../../../src/adapters/slack/slack-manifest.ts';
import { botScopes, slackMethodScopes } from '../../../src/adapters/slack/slack-scopes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const apiUrl = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
const manifest = buildSlackManifest(apiUrl);

/** Every Slack Web API method the deployed code calls, with the files that call it. */
function calledSlackMethods(): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === join(root, 'src/local')) continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/\b(?:web|client)\.([a-z]+(?:\.[a-zA-Z]+)+)\s*\(/g)) {
          const method = m[1] ?? '';
          calls.set(method, [...(calls.get(method) ?? []), relative(root, path)]);
        }
      }
    }
  };
  visit(join(root, 'src'));
  visit(join(root, 'functions'));
  return calls;
}

/**
 * Slack's app manifest schema, for the fields arize-ops sets (docs.slack.dev "App manifest
 * reference"): lengths, patterns, https URLs, and the bot scopes Slack defines.
 */
const slackBotScopeNames = [
  'app_mentions:read',
  'assistant:write',
  'bookmarks:read',
  'bookmarks:write',
  'calls:read',
  'calls:write',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'dnd:read',
  'emoji:read',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'groups:write',
  'im:history',
  'im:read',
  'im:write',
  'incoming-webhook',
  'links:read',
  'links:write',
  'metadata.message:read',
  'mpim:history',
  'mpim:read',
  'mpim:write',
  'pins:read',
  'pins:write',
  'reactions:read',
  'reactions:write',
  'reminders:read',
  'reminders:write',
  'remote_files:read',
  'remote_files:share',
  'remote_files:write',
  'team:read',
  'usergroups:read',
  'usergroups:write',
  'users.profile:read',
  'users:read',
  'users:read.email',
  'users:write',
  'workflow.steps:execute',
] as const;
const https = z.url({ protocol: /^https$/ });
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(175).max(4000),
  }),
  features: z.strictObject({
    bot_user: z.strictObject({
      display_name: z
        .string()
        .max(80)
        .regex(/^[a-z0-9][a-z0-9._-]*$/),
      always_online: z.boolean(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: https,
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000),
          should_escape: z.boolean(),
        }),
      )
      .max(50),
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(24),
          type: z.enum(['message', 'global']),
          callback_id: z.string().min(1).max(255),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.enum(slackBotScopeNames)).max(255) }),
  }),
  settings: z.strictObject({
    interactivity: z.strictObject({
      is_enabled: z.boolean(),
      request_url: https,
      message_menu_options_url: https.optional(),
    }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

describe('the Slack app manifest', () => {
  it("matches Slack's manifest schema", () => {
    expect(manifestSchema.safeParse(manifest).error?.issues ?? []).toEqual([]);
  });

  it('offers the global shortcut that opens the request modal', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        name: 'Request Arize access',
        type: 'global',
        callback_id: 'request_access',
      }),
    ]);
  });

  it('points the slash command and interactivity at the stack routes', () => {
    expect(Object.values(slackEndpointPaths)).toEqual([...slackRoutePaths]);
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/arize',
        url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/slack/commands',
        should_escape: true,
      }),
    ]);
    expect(manifest.settings.interactivity.request_url).toBe(
      'https://abc123.execute-api.eu-west-1.amazonaws.com/slack/interactions',
    );
  });

  it('sends the request modal’s option requests (block_suggestion) to the interactions route', () => {
    expect(manifest.settings.interactivity.message_menu_options_url).toBe(
      'https://abc123.execute-api.eu-west-1.amazonaws.com/slack/interactions',
    );
  });

  it('asks for the scope of every Slack method the code calls', () => {
    const calls = calledSlackMethods();
    expect(calls.size).toBeGreaterThanOrEqual(8);
    for (const [method, files] of calls) {
      const scopes = (slackMethodScopes as Record<string, readonly string[]>)[method];
      expect(
        scopes,
        `${method} (called in ${files.join(', ')}) has no entry in slack-scopes.ts`,
      ).toBeDefined();
      for (const scope of scopes ?? []) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });

  it('asks for no scope the code does not use', () => {
    const used = new Set<string>(['commands']);
    for (const method of calledSlackMethods().keys()) {
      for (const scope of (slackMethodScopes as Record<string, readonly string[]>)[method] ?? []) {
        used.add(scope);
      }
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...used].sort());
    expect(Object.keys(slackMethodScopes).filter((m) => !calledSlackMethods().has(m))).toEqual([]);
  });

  it('says why it needs each scope', () => {
    for (const why of Object.values(botScopes)) expect(why.length).toBeGreaterThan(20);
  });
});

describe('npm run manifest', () => {
  it('prints the manifest as JSON and the scopes with their reasons', () => {
    const result = runManifestCommand(['--url', apiUrl]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(manifest);
    for (const scope of Object.keys(botScopes)) expect(result.stderr).toContain(scope);
  });

  it('names the app as asked', () => {
    const result = runManifestCommand(['--url', apiUrl, '--name', 'arize-ops-staging']);
    expect(JSON.parse(result.stdout).features.bot_user.display_name).toBe('arize-ops-staging');
  });

  it.each([
    [[], /--url is required/],
    [['--url'], /incomplete option --url/],
    [['--host', 'x'], /unknown or incomplete option --host/],
    [['--url', 'http://example.com'], /must be https/],
    [['--url', 'not a url'], /is not a URL/],
    [['--url', 'https://example.com/?a=1'], /no query or fragment/],
    [['--url', apiUrl, '--name', 'Arize Ops'], /--name Arize Ops: lower-case/],
  ])('refuses %j with a clear message', (args, message) => {
    const result = runManifestCommand(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('trims the trailing slash of the API URL', () => {
    expect(parseApiUrl('https://x.example.com/prod/')).toEqual({
      ok: true,
      url: 'https://x.example.com/prod',
    });
  });
});
