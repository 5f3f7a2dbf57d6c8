import { describe, expect, it } from 'vitest';
import { synthesizeStack } from './synth-stack.ts';

type Join = { 'Fn::Join': [string, unknown[]] };

describe('the Slack manifest output', () => {
  it('gives the command that prints the manifest for this API', () => {
    const { template } = synthesizeStack();
    const outputs = template.toJSON().Outputs as Record<string, { Value: Join }>;
    const [, apiParts] = outputs.ApiUrl?.Value['Fn::Join'] ?? ['', []];
    const [, commandParts] = outputs.SlackManifestCommand?.Value['Fn::Join'] ?? ['', []];
    expect(apiParts[0]).toBe('https://');
    expect(commandParts[0]).toBe('npm run manifest -- --url https://');
    expect(commandParts.slice(1)).toEqual(apiParts.slice(1));
    expect(JSON.stringify(apiParts)).toMatch(/"Ref":"SlackIngressApi/);
  });
});
