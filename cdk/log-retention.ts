import type { IAspect } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/** Gives every log group of the stack the retention of `-c logRetentionDays` (default 30). */
export class LogRetention implements IAspect {
  constructor(private readonly days: number) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup) node.retentionInDays = this.days;
  }
}
