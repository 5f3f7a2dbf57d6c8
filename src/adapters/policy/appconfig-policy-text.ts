import { getAppConfig } from '@aws-lambda-powertools/parameters/appconfig';
import type { PolicyText } from './last-good-policy-source.ts';

/** How long a container keeps the policy before asking AppConfig again (the issue's ≤ 60 s). */
export const policyMaxAgeSeconds = 60;

export interface AppConfigPolicyLocation {
  application: string;
  environment: string;
  profile: string;
}

/** The deployed policy's text from AWS AppConfig, through Powertools Parameters (cached 60 s). */
export function appConfigPolicyText(location: AppConfigPolicyLocation): PolicyText {
  const decoder = new TextDecoder();
  return async () => {
    const value = await getAppConfig(location.profile, {
      application: location.application,
      environment: location.environment,
      maxAge: policyMaxAgeSeconds,
    });
    if (value === undefined) throw new Error('AppConfig returned no policy');
    return typeof value === 'string' ? value : decoder.decode(value as Uint8Array);
  };
}
