import { createDynamoTable, type DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import type { InstrumentClient } from '../../src/adapters/tracing/tracing.ts';

/** The table the configuration names (dynalite when it sets an endpoint). */
export function tableFrom(
  config: { TABLE_NAME: string; AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined },
  instrument: InstrumentClient,
): DynamoTable {
  return createDynamoTable({
    tableName: config.TABLE_NAME,
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    instrument,
  });
}
