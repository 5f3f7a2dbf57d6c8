import { Aspects, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AuditAppendOnly } from './audit-append-only.ts';

/** The four credentials the bot needs; the operator puts the real values after the first deploy. */
export interface ArizeOpsSecrets {
  readonly slackSigningSecret: ISecret;
  readonly slackBotToken: ISecret;
  readonly arizeApiKey: ISecret;
  readonly arizeDeveloperKey: ISecret;
}

export interface StateProps {
  /** Prefix of every secret name, e.g. the stack name: `ArizeOps/slack/bot-token`. */
  readonly secretNamePrefix: string;
  /** Secrets that already exist (complete ARNs): imported, not created. */
  readonly importedSecretArns?: Partial<Record<keyof ArizeOpsSecrets, string>>;
}

/**
 * Durable state: the single DynamoDB table (requests, votes, audit, contexts, grants, replay and
 * idempotency records) and the Secrets Manager secrets.
 */
export class State extends Construct {
  readonly table: Table;
  readonly secrets: ArizeOpsSecrets;

  constructor(scope: Construct, id: string, props: StateProps) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      // Audit records live here: never lose them to a stack delete.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    // Every function role in the stack may put audit records, never update or delete them.
    Aspects.of(Stack.of(this)).add(new AuditAppendOnly(this.table));

    const secret = (id: keyof ArizeOpsSecrets, name: string, description: string): ISecret => {
      const constructId = `${id.charAt(0).toUpperCase()}${id.slice(1)}`;
      const imported = props.importedSecretArns?.[id];
      if (imported) return Secret.fromSecretCompleteArn(this, constructId, imported);
      return new Secret(this, constructId, {
        secretName: `${props.secretNamePrefix}/${name}`,
        description: `${description} Created with a random placeholder: put the real value.`,
        generateSecretString: { passwordLength: 32, excludePunctuation: true },
      });
    };

    this.secrets = {
      slackSigningSecret: secret(
        'slackSigningSecret',
        'slack/signing-secret',
        'Slack app signing secret (read by the slack function). During a rotation put ' +
          '{"current":"…","previous":"…"}.',
      ),
      slackBotToken: secret(
        'slackBotToken',
        'slack/bot-token',
        'Slack bot token xoxb-… (read by the slack function and the worker).',
      ),
      arizeApiKey: secret(
        'arizeApiKey',
        'arize/api-key',
        'Arize AX service API key of the bot user (read by the worker only).',
      ),
      arizeDeveloperKey: secret(
        'arizeDeveloperKey',
        'arize/developer-key',
        'Arize developer key for GraphQL space-member reads (read by the worker only).',
      ),
    };
  }
}
