import { describe, expect, it } from 'vitest';
import { policySourceFrom } from '../../functions/shared/policy-source.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { parseConfig, workerConfigSchema } from '../../src/config.ts';
import { REPO_POLICY_FILE } from '../../src/local/local-stack.ts';

const log = createLog({ service: 'test', level: 'SILENT' }).log;
const base = { TABLE_NAME: 't', SLACK_TEAM_ID: 'T0LOCAL01', SLACK_API_APP_ID: 'A0ARIZEOPS' };

describe('where a function reads its policy', () => {
  it('reads POLICY_FILE when AppConfig is not named', async () => {
    const config = parseConfig(workerConfigSchema, { ...base, POLICY_FILE: REPO_POLICY_FILE });
    const loaded = await policySourceFrom(config, log).current();
    expect(loaded.policy.teamId).toBe('T0LOCAL01');
    expect(loaded.sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start with no policy, naming the variables to set', () => {
    const config = parseConfig(workerConfigSchema, {
      ...base,
      POLICY_APPCONFIG_APPLICATION: 'app',
      POLICY_APPCONFIG_PROFILE: 'profile',
    });
    expect(() => policySourceFrom(config, log)).toThrow(
      'invalid configuration: no policy: set POLICY_APPCONFIG_APPLICATION, ' +
        'POLICY_APPCONFIG_ENVIRONMENT and POLICY_APPCONFIG_PROFILE (AWS) or POLICY_FILE',
    );
  });
});
