import { appConfigPolicyText } from '../../src/adapters/policy/appconfig-policy-text.ts';
import { filePolicyText } from '../../src/adapters/policy/file-policy-text.ts';
import { LastGoodPolicySource } from '../../src/adapters/policy/last-good-policy-source.ts';
import type { Log, PolicySource } from '../../src/app/ports.ts';

interface PolicySettings {
  POLICY_APPCONFIG_APPLICATION?: string | undefined;
  POLICY_APPCONFIG_ENVIRONMENT?: string | undefined;
  POLICY_APPCONFIG_PROFILE?: string | undefined;
  POLICY_FILE?: string | undefined;
}

/** AWS AppConfig when the stack named it, else the policy file (local stack, tests). */
export function policySourceFrom(settings: PolicySettings, log: Log): PolicySource {
  const application = settings.POLICY_APPCONFIG_APPLICATION;
  const environment = settings.POLICY_APPCONFIG_ENVIRONMENT;
  const profile = settings.POLICY_APPCONFIG_PROFILE;
  if (application && environment && profile) {
    return new LastGoodPolicySource(
      appConfigPolicyText({ application, environment, profile }),
      log,
    );
  }
  if (settings.POLICY_FILE)
    return new LastGoodPolicySource(filePolicyText(settings.POLICY_FILE), log);
  throw new Error(
    'invalid configuration: no policy: set POLICY_APPCONFIG_APPLICATION, ' +
      'POLICY_APPCONFIG_ENVIRONMENT and POLICY_APPCONFIG_PROFILE (AWS) or POLICY_FILE',
  );
}
