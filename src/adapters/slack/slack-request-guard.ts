import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Clock, Log, ReplayGuard } from '../../app/ports.ts';
import { payloadProblem } from './slack-payload-shape.ts';
import { type SignatureCheck, verifySlackSignature } from './verify-slack-signature.ts';

export interface SlackRequestGuardOptions {
  /**
   * The current signing secret, then the previous one during a rotation. `reread` asks the source
   * to bypass its cache (after a mismatch; the source allows that at most once a minute).
   */
  signingSecrets: (options: { reread: boolean }) => Promise<string[]>;
  expectedTeamId: string;
  expectedAppId: string;
  replayGuard: ReplayGuard;
  clock: Clock;
  log: Log;
}

/** How long a signature is remembered: longer than the ±5 minute window it can be valid in. */
const replayWindowMs = 10 * 60 * 1000;

/**
 * Slack's largest requests (a click carrying a 50-block message, a modal's state) stay well below
 * this; anything bigger is refused before the signature is even computed over it.
 */
export const maxSlackBodyBytes = 512 * 1024;

const refuse = (statusCode: number): APIGatewayProxyResultV2 => ({ statusCode, body: '' });

/**
 * Runs before any body parser: verifies the signature over the raw bytes (base64 decoded as bytes),
 * pins the workspace and app, refuses replays, then hands Bolt the body as UTF-8 text.
 */
export function slackRequestGuard(
  options: SlackRequestGuardOptions,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    before: async (request) => {
      const event = request.event;
      const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      if (rawBody.length > maxSlackBodyBytes) {
        options.log.warn('slack request too large refused', { bytes: rawBody.length });
        return refuse(413);
      }
      const check = await verifyWithRotation(event, rawBody, options);
      if (!check.ok) {
        options.log.warn('slack request refused', { reason: check.reason });
        return refuse(401);
      }
      const body = rawBody.toString('utf8');
      const origin = readOrigin(body);
      if (origin.teamId !== options.expectedTeamId || origin.appId !== options.expectedAppId) {
        options.log.warn('slack request from another workspace or app refused', {
          teamId: origin.teamId,
          appId: origin.appId,
        });
        return foreignWorkspaceReply(origin.isCommand);
      }
      const problem = origin.isCommand ? undefined : payloadProblem(origin.payload);
      if (problem) {
        options.log.warn('malformed slack payload refused', { problem });
        return refuse(400);
      }
      const signature = event.headers['x-slack-signature'] as string;
      // An options request only reads names, and Slack sends the same one twice within a second
      // when someone retypes what they had typed: it is answered again rather than refused.
      if (isOptionsRequest(origin.payload)) {
        event.body = body;
        event.isBase64Encoded = false;
        return undefined;
      }
      const expiresAt = new Date(options.clock.now().getTime() + replayWindowMs);
      if (!(await options.replayGuard.claim(signature, expiresAt))) {
        options.log.warn('slack request replay refused', {
          retryNum: event.headers['x-slack-retry-num'],
        });
        return refuse(401);
      }
      event.body = body;
      event.isBase64Encoded = false;
      return undefined;
    },
  };
}

/**
 * Verifies against the cached secrets and, on a mismatch only, once more against secrets read
 * afresh: a container that cached the value from before a rotation accepts the new secret as soon
 * as it is stored, instead of refusing until its cache expires.
 */
async function verifyWithRotation(
  event: APIGatewayProxyEventV2,
  rawBody: Buffer,
  options: SlackRequestGuardOptions,
): Promise<SignatureCheck> {
  const verifyWith = (secrets: readonly string[]) =>
    verifySlackSignature({
      rawBody,
      signature: event.headers['x-slack-signature'],
      timestamp: event.headers['x-slack-request-timestamp'],
      secrets,
      nowSeconds: Math.floor(options.clock.now().getTime() / 1000),
    });
  const cached = await options.signingSecrets({ reread: false });
  const check = verifyWith(cached);
  if (check.ok || check.reason !== 'mismatch') return check;
  const fresh = await options.signingSecrets({ reread: true });
  if (sameSecrets(fresh, cached)) return check;
  const recheck = verifyWith(fresh);
  if (recheck.ok) options.log.info('slack signing secret re-read after a rotation');
  return recheck;
}

const sameSecrets = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((secret, i) => secret === b[i]);

const isOptionsRequest = (payload: unknown): boolean =>
  (payload as { type?: unknown } | undefined)?.type === 'block_suggestion';

interface Origin {
  teamId: string | undefined;
  appId: string | undefined;
  /** The parsed payload of an interaction (undefined when it is not JSON). */
  payload?: unknown;
  isCommand: boolean;
}

/** Where a request says it comes from: form fields for commands, the JSON payload otherwise. */
export function readOrigin(body: string): Origin {
  const form = new URLSearchParams(body);
  const payload = form.get('payload');
  if (payload === null) {
    return {
      teamId: form.get('team_id') ?? undefined,
      appId: form.get('api_app_id') ?? undefined,
      isCommand: true,
    };
  }
  try {
    const parsed = JSON.parse(payload) as {
      team?: { id?: string } | null;
      user?: { team_id?: string };
      api_app_id?: string;
    } | null;
    return {
      teamId: parsed?.user?.team_id ?? parsed?.team?.id ?? undefined,
      appId: parsed?.api_app_id,
      payload: parsed,
      isCommand: false,
    };
  } catch {
    return { teamId: undefined, appId: undefined, isCommand: false };
  }
}

function foreignWorkspaceReply(isCommand: boolean): APIGatewayProxyResultV2 {
  if (!isCommand) return refuse(403);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      response_type: 'ephemeral',
      text: 'arize-ops serves one Slack workspace only, and this is not it. Nothing was run.',
    }),
  };
}
