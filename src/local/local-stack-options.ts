import type { LocalStackConfig } from '../config.ts';
import { schedulesWith } from '../domain/jobs/scheduled-jobs.ts';
import type { LocalStackOptions } from './local-stack.ts';

/** The local stack's options from its environment (`npm start`, `npm run job`). */
export function localStackOptionsFrom(config: LocalStackConfig): LocalStackOptions {
  return {
    port: config.PORT,
    emulatorPort: config.ARIZE_EMULATOR_PORT,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.ARIZE_API_KEY ? { arizeApiKey: config.ARIZE_API_KEY } : {}),
    ...(config.ARIZE_BASE_URL ? { arizeBaseUrl: config.ARIZE_BASE_URL } : {}),
    ...(config.ARIZE_APP_URL ? { arizeAppUrl: config.ARIZE_APP_URL } : {}),
    ...(config.ARIZE_DEVELOPER_KEY ? { arizeDeveloperKey: config.ARIZE_DEVELOPER_KEY } : {}),
    ...(config.POLICY_FILE ? { policyFile: config.POLICY_FILE } : {}),
    ...(config.DESIRED_ACCESS_DIR ? { desiredAccessDir: config.DESIRED_ACCESS_DIR } : {}),
    logLevel: config.LOG_LEVEL === 'INFO' ? 'WARN' : config.LOG_LEVEL,
    schedulerTickMs: config.SCHEDULER_TICK_SECONDS * 1000,
    schedules: schedulesWith(config.SCHEDULES),
  };
}
