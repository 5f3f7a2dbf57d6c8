import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../../src/adapters/metrics/metric-names.ts';
import { receiverAliases } from '../bundling/receiver-aliases.ts';

/** The options that differ between our Lambdas; everything else is house policy. */
export interface NodeFunctionOptions {
  readonly entry: string;
  /** The exported handler; default `handler`. */
  readonly handler?: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Readonly<Record<string, string>>;
  readonly reservedConcurrentExecutions?: number;
  /** Commands run after esbuild, given the bundle's folder (to add files to the bundle). */
  readonly afterBundling?: (outputDir: string) => string[];
}

/**
 * ESM output. The repo is `"type": "module"` and the code may use `import.meta.url` and top-level
 * await, neither of which survives esbuild's CJS output. CJS dependencies bundled into ESM still call
 * `require()` for Node built-ins, which ESM lacks: the banner defines it. `createRequire` is imported
 * under an alias so that a bundled module importing `createRequire` itself cannot collide with it.
 */
const esmRequireBanner =
  "import { createRequire as __arizeOpsCreateRequire } from 'node:module'; " +
  'const require = __arizeOpsCreateRequire(import.meta.url);';

/** Lambda runtime and bundling shared by every function: Node 22 on arm64, minified ESM. */
export function createNodeFunction(
  scope: Construct,
  id: string,
  options: NodeFunctionOptions,
): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to every log
  // group in the account, this one only to the function's own.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${options.description} (execution role)`,
  });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, id, {
    role,
    entry: options.entry,
    handler: options.handler ?? 'handler',
    description: options.description,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: options.memorySize,
    timeout: options.timeout,
    reservedConcurrentExecutions: options.reservedConcurrentExecutions,
    logGroup,
    // X-Ray: Lambda opens each invocation's segment; Powertools Tracer (TRACING) adds the handler's
    // and the AWS SDK calls'.
    tracing: Tracing.ACTIVE,
    environment: {
      ...options.environment,
      METRICS_NAMESPACE: metricsNamespace,
      TRACING: 'active',
      NODE_OPTIONS: '--enable-source-maps',
      DISABLE_PRERELEASE_WARNING: 'true',
    },
    bundling: {
      target: 'node22',
      format: OutputFormat.ESM,
      // Prefer packages' ESM builds: they tree-shake (the AWS SDK and Powertools ship both).
      // Measured on functions/slack.ts: 2.26 MB against 2.51 MB with esbuild's main-first default.
      mainFields: ['module', 'main'],
      banner: esmRequireBanner,
      minify: true,
      // Error and class names stay readable in logs; measured cost ~80 KB (3.7 %) per bundle.
      keepNames: true,
      sourceMap: true,
      sourceMapMode: SourceMapMode.DEFAULT,
      // Stack traces need only the mappings, not a copy of every source file.
      sourcesContent: false,
      // Bundle the SDK we test against (3.1162.0, one version for every client) instead of
      // whatever version the Lambda runtime happens to ship.
      bundleAwsSDK: true,
      esbuildArgs: Object.fromEntries(
        Object.entries(receiverAliases).map(([name, path]) => [`--alias:${name}`, path]),
      ),
      ...(options.afterBundling
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir: string, outputDir: string) =>
                (options.afterBundling as (dir: string) => string[])(outputDir),
            },
          }
        : {}),
    },
  });
}
