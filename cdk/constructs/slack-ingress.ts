import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Alias, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createNodeFunction } from './node-function.ts';

export const slackRoutePaths = ['/slack/commands', '/slack/interactions'] as const;

export interface SlackIngressProps {
  readonly entry: string;
  readonly table: ITable;
  readonly jobQueue: IQueue;
  readonly slackSigningSecret: ISecret;
  readonly slackBotToken: ISecret;
  readonly slackTeamId: string;
  readonly slackApiAppId: string;
  readonly logLevel: string;
  readonly memorySize: number;
  /** Environments kept initialized on the `live` alias, which the API invokes; 0: none. */
  readonly provisionedConcurrency: number;
  /** The default stage's throttle: steady requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The ack path: an HTTP API with the two Slack endpoints in front of the slack function, which
 * verifies, records, enqueues and answers within Slack's 3 s. It holds no Arize key.
 */
export class SlackIngress extends Construct {
  readonly function: NodejsFunction;
  /** What the API invokes: the `live` alias when concurrency is provisioned, else the function. */
  readonly target: IFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: SlackIngressProps) {
    super(scope, id);

    this.function = createNodeFunction(this, 'Function', {
      entry: props.entry,
      description: 'arize-ops slack ingress: verify, record, enqueue, ack',
      memorySize: props.memorySize,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: props.table.tableName,
        JOB_QUEUE_URL: props.jobQueue.queueUrl,
        SLACK_SIGNING_SECRET_ARN: props.slackSigningSecret.secretArn,
        SLACK_BOT_TOKEN_ARN: props.slackBotToken.secretArn,
        SLACK_TEAM_ID: props.slackTeamId,
        SLACK_API_APP_ID: props.slackApiAppId,
        LOG_LEVEL: props.logLevel,
      },
    });
    props.table.grantReadWriteData(this.function);
    props.jobQueue.grantSendMessages(this.function);
    props.slackSigningSecret.grantRead(this.function);
    props.slackBotToken.grantRead(this.function);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new HttpApi(this, 'Api', {
      description: 'arize-ops Slack endpoints (Slack signs every request; the function verifies)',
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A Slack workspace sends a few requests per second at most; this caps abuse of a
      // public URL before it reaches Lambda, DynamoDB and the signature check.
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string, body or headers: Slack bodies carry tokens and response URLs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    this.target =
      props.provisionedConcurrency > 0
        ? new Alias(this, 'Live', {
            aliasName: 'live',
            version: this.function.currentVersion,
            provisionedConcurrentExecutions: props.provisionedConcurrency,
          })
        : this.function;
    const integration = new HttpLambdaIntegration('SlackIntegration', this.target);
    for (const path of slackRoutePaths) {
      this.api.addRoutes({ path, methods: [HttpMethod.POST], integration });
    }
  }

  /** The public URL of a Slack endpoint, e.g. for the app manifest. */
  endpointUrl(path: (typeof slackRoutePaths)[number]): string {
    return `${this.stage.url}${path.slice(1)}`;
  }
}
