import { Annotations } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Who is e-mailed every alarm (they confirm the subscription once); nobody when unset. */
  readonly email?: string;
}

/** The one SNS topic every alarm notifies, encrypted with its own key. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // AWS's managed SNS key cannot be granted to CloudWatch, so alarms could not publish.
    const key = new Key(this, 'Key', {
      description: 'arize-ops alarm topic',
      enableKeyRotation: true,
    });
    key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'arize-ops alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) {
      this.topic.addSubscription(new EmailSubscription(props.email));
    } else {
      Annotations.of(this).addWarningV2(
        'arize-ops:alarms-unsubscribed',
        'Nobody is subscribed to the alarm topic: alarms notify no one. ' +
          'Deploy with -c alarmEmail=you@example.com, or subscribe to the topic (output AlarmTopicArn).',
      );
    }
  }
}
