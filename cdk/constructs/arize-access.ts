import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

/** What a function that acts on Arize and tells people in Slack needs (worker, scheduled jobs). */
export interface ArizeAccessProps {
  readonly table: ITable;
  readonly slackBotToken: ISecret;
  readonly arizeApiKey: ISecret;
  readonly arizeDeveloperKey: ISecret;
  readonly slackTeamId: string;
  readonly slackApiAppId: string;
  readonly arizeBaseUrl: string;
  readonly arizeAppUrl: string;
  readonly arizeMaxRps: number;
  readonly arizeMaxConcurrency: number;
  readonly logLevel: string;
}
