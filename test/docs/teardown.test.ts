import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../cdk/synth-stack.ts';

/**
 * docs/runbook.md's Teardown says what `cdk destroy` keeps and how to delete it. This test reads
 * its "retained" table and the synthesized template, so that a resource newly kept on a stack
 * delete cannot go unmentioned (it would go on costing after the teardown the runbook describes).
 */
const runbook = 'docs/runbook.md';
const text = readFileSync(new URL(`../../${runbook}`, import.meta.url), 'utf8');
const teardown = text.split('## Teardown')[1]?.split(/^## /m)[0] ?? '';
/** The first cell of each row of the retained table. */
const retainedRows = teardown
  .split('\n')
  .filter((line) => /^\|.*\|$/.test(line.trim()))
  .map((line) => line.trim().slice(1).split('|')[0]?.trim() ?? '')
  .filter((cell) => cell !== 'retained' && !/^-+$/.test(cell));

/** The words in a row's first cell that name each retained CloudFormation type. */
const rowWords: Record<string, string> = {
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::KMS::Key': 'KMS key',
  'AWS::AppConfig::HostedConfigurationVersion': 'AppConfig versions',
};

type Resource = { Type: string; DeletionPolicy?: string };
const resources = synthesizeStack({ slackApiAppId: 'A0123ABCD' }).template.toJSON()
  .Resources as Record<string, Resource>;
const retainedTypes = [
  ...new Set(
    Object.values(resources)
      .filter((r) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete')
      .map((r) => r.Type),
  ),
].sort();

describe(`${runbook}: the teardown names what a stack delete keeps`, () => {
  it('finds retained resources in the template and rows in the table', () => {
    expect(retainedTypes.length).toBeGreaterThan(0);
    expect(retainedRows.length).toBeGreaterThan(0);
  });

  it.each(retainedTypes)('has a row, with how to delete it, for every retained %s', (type) => {
    const words = rowWords[type];
    expect(words, `${type} is retained: name it in rowWords and in ${runbook}`).toBeDefined();
    expect(
      retainedRows.some((row) => row.includes(words as string)),
      `${runbook}, Teardown: add a row for the retained ${type} ("${words}") and how to delete it`,
    ).toBe(true);
  });

  it('lists nothing as retained that the stack deletes', () => {
    const named = Object.entries(rowWords).filter(([, words]) =>
      retainedRows.some((row) => row.includes(words)),
    );
    expect(named.map(([type]) => type).sort()).toEqual(retainedTypes);
    expect(retainedRows).toHaveLength(retainedTypes.length);
  });
});
