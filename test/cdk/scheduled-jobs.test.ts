import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { copyDesiredAccessCommands, loadDesiredAccessDir } from '../../cdk/desired-access.ts';
import { scheduledConfigSchema } from '../../src/config.ts';
import {
  scheduledJobDefinitions,
  scheduledJobNames,
} from '../../src/domain/jobs/scheduled-jobs.ts';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const { stack, template } = synthesizeStack();
const scheduled = stack.scheduledJobs.function;
const functionId = logicalIdOf(scheduled);
const roleId = logicalIdOf(scheduled.role!);
const secrets = stack.state.secrets;

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = template.toJSON().Resources as Record<string, Resource>;
const props = (id: string) => resources[id]!.Properties;
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOfRole = (id: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${id}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('scheduled jobs: the function', () => {
  it('runs functions/scheduled.ts on nodejs22.x arm64 with time to re-run one change', () => {
    expect(props(functionId)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 120,
    });
  });

  it('treats an EXECUTING lease as lost only long after any worker could still be running it', () => {
    const env = (props(functionId).Environment as { Variables: Record<string, unknown> }).Variables;
    const leaseMinutes =
      env.SWEEP_LEASE_MINUTES === undefined
        ? scheduledConfigSchema.shape.SWEEP_LEASE_MINUTES.parse(undefined)
        : Number(env.SWEEP_LEASE_MINUTES);
    const workerTimeout = props(logicalIdOf(stack.worker.function)).Timeout as number;

    expect(workerTimeout).toBeGreaterThan(0);
    expect(workerTimeout * 2).toBeLessThan(leaseMinutes * 60);
  });

  it('gets exactly the variables src/config.ts reads for it', () => {
    const env = (props(functionId).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).sort()).toEqual(
      [
        'TABLE_NAME',
        'JOB_QUEUE_URL',
        'SLACK_BOT_TOKEN_ARN',
        'SLACK_TEAM_ID',
        'SLACK_API_APP_ID',
        'ARIZE_BASE_URL',
        'ARIZE_APP_URL',
        'ARIZE_API_KEY_ARN',
        'ARIZE_DEVELOPER_KEY_ARN',
        'ARIZE_MAX_RPS',
        'ARIZE_MAX_CONCURRENCY',
        'SWEEP_LEASE_MINUTES',
        'GRANT_LEASE_SECONDS',
        'INVITATION_MODE',
        'INVITATION_RESEND_AFTER_DAYS',
        'LOG_LEVEL',
        'METRICS_NAMESPACE',
        'TRACING',
        'NODE_OPTIONS',
        'DISABLE_PRERELEASE_WARNING',
        'POLICY_APPCONFIG_APPLICATION',
        'POLICY_APPCONFIG_ENVIRONMENT',
        'POLICY_APPCONFIG_PROFILE',
      ].sort(),
    );
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: logicalIdOf(stack.state.table) },
      JOB_QUEUE_URL: { Ref: logicalIdOf(stack.worker.queue) },
      SLACK_BOT_TOKEN_ARN: { Ref: logicalIdOf(secrets.slackBotToken) },
      ARIZE_API_KEY_ARN: { Ref: logicalIdOf(secrets.arizeApiKey) },
    });
  });
});

describe('scheduled jobs: the invitations job settings', () => {
  const envOf = (synthesized: ReturnType<typeof synthesizeStack>) =>
    (
      synthesized.template.toJSON().Resources[logicalIdOf(synthesized.stack.scheduledJobs.function)]
        .Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables;

  it('reports only, after 7 days, unless the context says otherwise', () => {
    expect(envOf({ stack, template } as ReturnType<typeof synthesizeStack>)).toMatchObject({
      INVITATION_MODE: 'report',
      INVITATION_RESEND_AFTER_DAYS: '7',
    });
    const custom = synthesizeStack({ invitationMode: 'resend', invitationResendAfterDays: '3' });
    expect(envOf(custom)).toMatchObject({
      INVITATION_MODE: 'resend',
      INVITATION_RESEND_AFTER_DAYS: '3',
    });
  });

  it('refuses a mode or a number of days the job would not take, at synth', () => {
    expect(() => synthesizeStack({ invitationMode: 'send' as 'report' })).toThrow(
      /invitationMode: report \(the default\) or resend/,
    );
    expect(() => synthesizeStack({ invitationResendAfterDays: '0' })).toThrow(
      /invitationResendAfterDays: a whole number of days from 1 to 365/,
    );
    expect(() => synthesizeStack({ invitationResendAfterDays: 'week' })).toThrow(
      /invitationResendAfterDays: a whole number of days from 1 to 365/,
    );
  });
});

describe('scheduled jobs: one schedule per job', () => {
  const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
  const scheduleOf = (template: Template, job: string) =>
    Object.values(template.findResources('AWS::Scheduler::Schedule')).find(
      (s) => JSON.parse(s.Properties.Target.Input as string).job === job,
    )?.Properties;

  it('has a schedule for every job of the catalogue, each sending its name and scheduled time', () => {
    expect(schedules).toHaveLength(scheduledJobNames.length);
    for (const job of scheduledJobNames) {
      const schedule = scheduleOf(template, job)!;
      expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
      expect(JSON.parse(schedule.Target.Input as string)).toEqual({
        job,
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
      // Drift has no desired-access files in the default synth: created, but off.
      expect(schedule.State).toBe(job === 'drift' ? 'DISABLED' : 'ENABLED');
      expect(schedule.ScheduleExpression).toBe(scheduledJobDefinitions[job].schedule.expression);
      expect(schedule.ScheduleExpressionTimezone).toBe('UTC');
    }
  });

  it('ends grants every minute and sweeps every 5, retrying each until its next run', () => {
    expect(scheduleOf(template, 'grant-ends')).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      Target: { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 } },
    });
    expect(scheduleOf(template, 'sweep')).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      Target: { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 } },
    });
  });

  it('takes the expression, time zone and on/off of each job from the schedules context', () => {
    const { template: custom } = synthesizeStack({
      schedules: JSON.stringify({
        sweep: { expression: 'cron(0/10 8-18 ? * MON-FRI *)', timeZone: 'Europe/Paris' },
        'grant-ends': { enabled: false },
      }),
    });
    expect(scheduleOf(custom, 'sweep')).toMatchObject({
      ScheduleExpression: 'cron(0/10 8-18 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
      // A cron is retried for a day: a late run is still wanted; the ledger posts it once.
      Target: { RetryPolicy: { MaximumEventAgeInSeconds: 86_400 } },
    });
    expect(scheduleOf(custom, 'grant-ends')).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'DISABLED',
    });
  });

  it('refuses a schedule EventBridge would not run, naming the job and the problem', () => {
    expect(() =>
      synthesizeStack({ schedules: '{"sweep":{"expression":"cron(0 8 * * * *)"}}' }),
    ).toThrow(
      /schedules\.sweep\.expression: cron\(0 8 \* \* \* \*\): give day-of-month or day-of-week/,
    );
    expect(() => synthesizeStack({ schedules: '{"report":{}}' })).toThrow(/schedules.*"report"/);
    expect(() => synthesizeStack({ schedules: '{sweep' })).toThrow(/schedules: not valid JSON/);
    expect(() => synthesizeStack({ schedules: { sweep: { timeZone: 'Mars/Olympus' } } })).toThrow(
      /schedules\.sweep\.timeZone: an IANA time zone/,
    );
  });

  it('assumes a role trusted only by EventBridge Scheduler of this account, that may only invoke it', () => {
    const target = schedules[0]!.Properties.Target as { RoleArn: { 'Fn::GetAtt': string[] } };
    const schedulerRoleId = target.RoleArn['Fn::GetAtt'][0]!;
    const trust = JSON.stringify(props(schedulerRoleId).AssumeRolePolicyDocument);
    expect(trust).toContain('scheduler.amazonaws.com');
    expect(trust).toContain('aws:SourceAccount');
    const statements = statementsOfRole(schedulerRoleId);
    expect(statements.flatMap(actions)).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements)).not.toContain(logicalIdOf(stack.worker.function));
  });
});

describe('scheduled jobs: least privilege', () => {
  const statements = statementsOfRole(roleId);
  const resourcesFor = (action: string) =>
    JSON.stringify(statements.filter((s) => actions(s).includes(action)).map((s) => s.Resource));

  it('may invoke only itself (to continue a run cut off by its timeout), outside its default policy', () => {
    expect(JSON.parse(resourcesFor('lambda:InvokeFunction'))).toEqual([
      { 'Fn::GetAtt': [functionId, 'Arn'] },
    ]);
    const defaultPolicy = logicalIdOf(scheduled.role!.node.findChild('DefaultPolicy'));
    expect(JSON.stringify(props(defaultPolicy))).not.toContain('lambda:InvokeFunction');
  });

  it('reads and writes the table, and sends to the job queue only', () => {
    expect(resourcesFor('dynamodb:PutItem')).toContain(logicalIdOf(stack.state.table));
    expect(resourcesFor('sqs:SendMessage')).toContain(logicalIdOf(stack.worker.queue));
    expect(resourcesFor('sqs:SendMessage')).not.toContain(
      logicalIdOf(stack.worker.deadLetterQueue),
    );
    expect(statements.flatMap(actions)).not.toContain('sqs:ReceiveMessage');
  });

  it('reads the bot token and the Arize keys, never the signing secret', () => {
    const reads = resourcesFor('secretsmanager:GetSecretValue');
    for (const secret of [secrets.slackBotToken, secrets.arizeApiKey, secrets.arizeDeveloperKey]) {
      expect(reads).toContain(logicalIdOf(secret));
    }
    expect(JSON.stringify(statements)).not.toContain(logicalIdOf(secrets.slackSigningSecret));
  });

  it('alarms on its errors', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: [{ Ref: logicalIdOf(stack.alarmTopic.topic) }],
    });
  });
});

describe('scheduled jobs: drift against access-as-code (context desiredAccessDir)', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "arize-ops desired 'access' "));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const acme = JSON.stringify({
    version: 1,
    organization: 'Acme ML',
    spaces: { production: { 'bob@example.com': 'admin' } },
  });
  const scheduleOf = (t: Template) =>
    Object.values(t.findResources('AWS::Scheduler::Schedule')).find(
      (s) => JSON.parse(s.Properties.Target.Input as string).job === 'drift',
    )?.Properties;

  it('runs daily at 07:00 UTC once the files are given, and tells the function where they are bundled', () => {
    const { stack: withFiles, template: t } = synthesizeStack({
      desiredAccessDir: folder({ 'acme-ml.json': acme }),
    });
    expect(scheduleOf(t)).toMatchObject({
      ScheduleExpression: 'cron(0 7 * * ? *)',
      State: 'ENABLED',
    });
    const fn = t.toJSON().Resources[logicalIdOf(withFiles.scheduledJobs.function)].Properties;
    expect(fn.Environment.Variables.DESIRED_ACCESS_DIR).toBe('/var/task/desired-access');
  });

  it('refuses at synth a file that does not parse, two files of one organization, or an empty folder', () => {
    expect(() =>
      synthesizeStack({
        desiredAccessDir: folder({
          'a.json': acme,
          'b.json': '{"version":1,"organization":"x","spaces":{"p":{"bob":"owner"}}}',
        }),
      }),
    ).toThrow(
      /desiredAccessDir: b\.json: not a desired-access file:; spaces\.p\.bob: a space role/,
    );
    expect(() =>
      synthesizeStack({ desiredAccessDir: folder({ 'a.json': acme, 'b.json': acme }) }),
    ).toThrow(/desiredAccessDir: b\.json: organization Acme ML is declared in a\.json already/);
    expect(() => synthesizeStack({ desiredAccessDir: folder({}) })).toThrow(
      /desiredAccessDir: .* has no \.json file/,
    );
    expect(() => synthesizeStack({ desiredAccessDir: '/nonexistent/access' })).toThrow(
      /desiredAccessDir: \/nonexistent\/access cannot be read \(ENOENT\)/,
    );
  });

  it('refuses a drift schedule turned on without files', () => {
    expect(() => synthesizeStack({ schedules: '{"drift":{"enabled":true}}' })).toThrow(
      /schedules\.drift\.enabled: the drift job needs desiredAccessDir/,
    );
  });

  it('copies exactly the validated files into the bundle, whatever the folder is called', () => {
    const dir = folder({ 'acme-ml.json': acme, 'notes.txt': 'not copied' });
    const out = join(mkdtempSync(join(tmpdir(), 'arize-ops-bundle-')), "out 'dir'");
    mkdirSync(out);
    for (const command of copyDesiredAccessCommands(loadDesiredAccessDir(dir), out)) {
      execFileSync('bash', ['-c', command]);
    }
    expect(readdirSync(join(out, 'desired-access'))).toEqual(['acme-ml.json']);
    expect(readFileSync(join(out, 'desired-access', 'acme-ml.json'), 'utf8')).toBe(acme);
  });
});
