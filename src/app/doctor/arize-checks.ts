import type { ArizeKeyProbe, ArizeKeyProblem } from '../ports.ts';
import { type DoctorCheck, failed, guarded, passed } from './doctor-check.ts';

const adminTitle = 'Arize admin key (REST)';
const developerTitle = 'Arize developer key (GraphQL)';

const putAdminKey =
  "Create a user API key as the bot's Arize account admin (Settings → API Keys) and put it in " +
  'the Arize-key secret (the stack output ArizeApiKeyArn): aws secretsmanager put-secret-value ' +
  '--secret-id ARN --secret-string ak-…';
const putDeveloperKey =
  "Create a developer key as the bot's Arize user (Settings → API Keys, with developer access) " +
  'and put it in the developer-key secret (the stack output ArizeDeveloperKeyArn).';
const retry =
  'Check that Arize answers (status.arize.com, ARIZE_BASE_URL), then run /arize doctor again.';

const fixFor = (problem: ArizeKeyProblem, putKey: string): string =>
  problem.kind === 'unreachable' ? retry : putKey;

/** The admin key works, and its owner is an account admin. */
export function checkAdminKey(arize: ArizeKeyProbe): Promise<DoctorCheck[]> {
  return guarded(adminTitle, retry, async () => {
    const owner = await arize.adminKey();
    if (!owner.ok) {
      return failed(adminTitle, owner.error.detail, fixFor(owner.error, putAdminKey));
    }
    if (!owner.value.accountAdmin) {
      return failed(
        adminTitle,
        `The key works but belongs to ${owner.value.email}, who is not an account admin.`,
        `Make ${owner.value.email} an account admin in Arize, or ${putAdminKey.replace(/^C/, 'c')}`,
      );
    }
    return passed(adminTitle, `works; it belongs to ${owner.value.email}, an account admin.`);
  });
}

/** The developer key answers a GraphQL query. */
export function checkDeveloperKey(arize: ArizeKeyProbe): Promise<DoctorCheck[]> {
  return guarded(developerTitle, retry, async () => {
    const answer = await arize.developerKey();
    if (!answer.ok) {
      return failed(developerTitle, answer.error.detail, fixFor(answer.error, putDeveloperKey));
    }
    return passed(developerTitle, 'works: GraphQL answers.');
  });
}
