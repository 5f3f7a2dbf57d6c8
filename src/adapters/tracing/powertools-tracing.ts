import type { Tracing } from './tracing.ts';

/**
 * Powertools Tracer (AWS X-Ray), loaded only when asked for: the X-Ray SDK takes ~130 ms to load,
 * which a local run or a test never pays. Responses are not recorded (a reveal's answer carries a
 * secret), nor is outbound HTTP: its subsegments would name full URLs, and a Slack `response_url`
 * is a credential. AWS SDK clients passed to `instrument` are recorded by service and operation.
 */
export async function loadPowertoolsTracing(service: string): Promise<Tracing> {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  const tracer = new Tracer({ serviceName: service, captureHTTPsRequests: false });
  return {
    middlewares: [captureLambdaHandler(tracer, { captureResponse: false })],
    instrument: (client) => tracer.captureAWSv3Client(client),
  };
}
