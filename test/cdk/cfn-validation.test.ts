import { Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { buildStack, synthesizeStack } from './synth-stack.ts';

// CDK's CloudFormation schema validation is opt-in in cdk/app.ts (`-c cfnValidation=true`)
// because its engine takes seconds to start; this file pays that once, in its own worker.
describe('CloudFormation schema validation', () => {
  it('accepts the template', () => {
    const { template } = synthesizeStack({}, { cfnValidation: true });
    expect(Object.keys(template.toJSON().Resources).length).toBeGreaterThan(30);
  });

  it('is really on: it rejects a property value the schema forbids', () => {
    const { stack } = buildStack({}, { cfnValidation: true });
    const table = stack.state.table.node.defaultChild as CfnTable;
    table.addPropertyOverride('BillingMode', 'FREE_OF_CHARGE');
    expect(() => Template.fromStack(stack)).toThrow(/BillingMode|FREE_OF_CHARGE/);
  });
});
