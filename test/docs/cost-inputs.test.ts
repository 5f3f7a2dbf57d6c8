import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scheduledJobNames } from '../../src/domain/jobs/scheduled-jobs.ts';
import { logicalIdOf, synthesizeStack } from '../cdk/synth-stack.ts';

/**
 * docs/cost.md prices the stack from its table "The stack that is priced". This test reads that
 * table and the synthesized template, so that a new function, schedule, alarm or queue cannot
 * leave the estimate pricing a stack that is no longer deployed.
 */
const costDoc = 'docs/cost.md';
const section = 'The stack that is priced';
const text = readFileSync(new URL(`../../${costDoc}`, import.meta.url), 'utf8');

interface Row {
  resource: string;
  count: number;
  detail: string;
}

function pricedRows(): Row[] {
  const body = text.split(`## ${section}`)[1]?.split(/^## /m)[0];
  if (!body) throw new Error(`${costDoc} has no section "## ${section}"`);
  return body
    .split('\n')
    .filter((line) => /^\|.*\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter(([resource, count]) => resource !== 'resource' && /^[\d,]+$/.test(count ?? ''))
    .map(([resource = '', count = '', detail = '']) => ({
      resource,
      count: Number(count.replaceAll(',', '')),
      detail,
    }));
}

/** Each row of the table, by the CloudFormation type whose resources it counts. */
const rowTypes = {
  'Lambda functions': 'AWS::Lambda::Function',
  'EventBridge Scheduler schedules': 'AWS::Scheduler::Schedule',
  'DynamoDB table': 'AWS::DynamoDB::Table',
  'Secrets Manager secrets': 'AWS::SecretsManager::Secret',
  'SQS queues': 'AWS::SQS::Queue',
  'CloudWatch alarms': 'AWS::CloudWatch::Alarm',
  'CloudWatch dashboard': 'AWS::CloudWatch::Dashboard',
  'CloudWatch log groups': 'AWS::Logs::LogGroup',
  'KMS customer managed key': 'AWS::KMS::Key',
  'API Gateway HTTP API': 'AWS::ApiGatewayV2::Api',
  'AppConfig application': 'AWS::AppConfig::Application',
  'SNS topic': 'AWS::SNS::Topic',
} as const;

const rows = pricedRows();
const { stack, template } = synthesizeStack({ slackApiAppId: 'A0123ABCD' });
type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = template.toJSON().Resources as Record<string, Resource>;
const countOf = (type: string) => Object.values(resources).filter((r) => r.Type === type).length;

function rowFor(label: string): Row {
  const row = rows.find((r) => r.resource === label || r.resource.startsWith(`${label} (`));
  if (!row) throw new Error(`${costDoc}, table "${section}": add a row "${label}"`);
  return row;
}

const where = (row: Row) => `${costDoc}, table "${section}", row "${row.resource}"`;

describe(`${costDoc}: the priced stack is the synthesized one`, () => {
  it.each(Object.entries(rowTypes))('counts %s as the template does', (label, type) => {
    const row = rowFor(label);
    const count = countOf(type);
    expect(
      row.count,
      `${where(row)}: change the count from ${row.count} to ${count} (${type} in the template), ` +
        'then redo the arithmetic that uses it',
    ).toBe(count);
  });

  it('lists each scheduled job with the expression its schedule has', () => {
    const row = rowFor('EventBridge Scheduler schedules');
    const listed = [...row.detail.matchAll(/([\w-]+) `([^`]+)`/g)].map(
      (m) => `${m[1]} \`${m[2]}\``,
    );
    const deployed = scheduledJobNames.map((name) => {
      const id = logicalIdOf(stack.scheduledJobs.schedules[name]);
      return `${name} \`${resources[id]?.Properties.ScheduleExpression}\``;
    });
    expect(
      listed,
      `${where(row)}: the third column should read "${deployed.join(', ')}" ` +
        '(one per job in src/domain/jobs/scheduled-jobs.ts); then price the new invocations ' +
        'in "What a month of use is" and "The arithmetic"',
    ).toEqual(deployed);
  });

  it('gives each function the memory and timeout it is deployed with', () => {
    const row = rowFor('Lambda functions');
    const functions = {
      slack: stack.slackIngress.function,
      worker: stack.worker.function,
      'dead-letter': stack.worker.deadLetterFunction,
      scheduled: stack.scheduledJobs.function,
    };
    const listed = [...row.detail.matchAll(/([\w-]+) ([\d,]+ MB \/ \d+ s)/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    const deployed = Object.entries(functions).map(([name, fn]) => {
      const props = resources[logicalIdOf(fn)]?.Properties as {
        MemorySize: number;
        Timeout: number;
      };
      return `${name} ${props.MemorySize.toLocaleString('en-US')} MB / ${props.Timeout} s`;
    });
    expect(
      Object.keys(functions).length,
      `${where(row)}: a function was added; name it in this test and in the row`,
    ).toBe(countOf('AWS::Lambda::Function'));
    expect(listed, `${where(row)}: the third column should list "${deployed.join(', ')}"`).toEqual(
      deployed,
    );
  });
});
