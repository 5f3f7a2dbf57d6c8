import type { SpaceRole } from '../../domain/arize.ts';
import type { Directory, DirectoryOrg } from '../../domain/directory/name-directory.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import { normalizeRole } from '../../domain/grammar/values.ts';
import { requestSpace } from '../../domain/operations/request-operations.ts';
import { type Policy, selfServiceRules } from '../../domain/policy/policy.ts';
import { type RequestChoices, requestChoices } from '../../domain/policy/request-choices.ts';
import {
  type AccessRefusal,
  notAdmitted,
  selfServiceRuleFor,
} from '../../domain/policy/self-service.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { NameDirectory } from '../ports.ts';
import { nothingToPick } from './suggest-names.ts';

/** The request modal's fields, as the app layer names them (the adapter owns Slack's ids). */
export type RequestField = 'org' | 'space' | 'role' | 'duration' | 'reason';

/** What the request modal shows one person. */
export type RequestForm =
  | {
      kind: 'form';
      choices: RequestChoices;
      /** The organization picked so far (its spaces are the ones suggested). */
      org?: DirectoryOrg;
      /** True when no organization or space is known yet (the selects would offer nothing). */
      directoryEmpty: boolean;
    }
  | { kind: 'not-admitted'; text: string };

/** What was picked in the modal: ids from the selects, the role and duration values, text. */
export interface RequestPicks {
  orgId?: string;
  spaceId?: string;
  role?: string;
  duration?: number;
  reason?: string;
}

export interface RequestFormDeps {
  policy: Policy;
  directory: Pick<NameDirectory, 'read'>;
  /** Of `groupIds`, the user groups this person is in (read live, fail closed). */
  groupsOf(userId: string, groupIds: readonly string[]): Promise<Set<string>>;
}

const refusalField: Record<AccessRefusal['code'], RequestField> = {
  'POLICY.NOT_ALLOWED': 'space',
  'POLICY.SCOPE': 'space',
  'POLICY.ROLE': 'role',
  'POLICY.DURATION': 'duration',
};

/**
 * The request modal's use cases on the slack function: what it offers a person (the roles and
 * durations their self-service rules allow, in the organization picked), and what a submission
 * stands for: the typed `request space …` command, or the refusals to show under the fields,
 * checked against the policy and the name directory before anything is queued.
 */
export function makeRequestForm(deps: RequestFormDeps) {
  const rules = selfServiceRules(deps.policy);
  const groupsOf = (userId: string) =>
    deps.groupsOf(
      userId,
      rules.flatMap((rule) => rule.requesters),
    );

  const form = async (userId: string, orgId?: string): Promise<RequestForm> => {
    const [groups, directory] = await Promise.all([groupsOf(userId), deps.directory.read()]);
    const everywhere = requestChoices(rules, { userId, groups });
    if (everywhere.roles.length === 0) return { kind: 'not-admitted', text: notAdmitted };
    const org = orgId ? directory.orgs.find((o) => o.id === orgId) : undefined;
    const choices = org ? requestChoices(rules, { userId, groups }, org) : everywhere;
    return {
      kind: 'form',
      // An organization no rule of theirs covers: the choices stay, the submission says why.
      choices: choices.roles.length > 0 ? choices : everywhere,
      ...(org ? { org } : {}),
      directoryEmpty: directory.orgs.length === 0 && directory.spaces.length === 0,
    };
  };

  const check = async (
    userId: string,
    picks: RequestPicks,
  ): Promise<Result<string, Partial<Record<RequestField, string>>>> => {
    const errors: Partial<Record<RequestField, string>> = {};
    if (!picks.spaceId || picks.spaceId === nothingToPick) {
      errors.space = 'Pick the space (type part of its name).';
    }
    const role = picks.role ? (normalizeRole(picks.role) as SpaceRole | undefined) : undefined;
    if (!role) errors.role = 'Pick the role you ask for.';
    if (!picks.duration) errors.duration = 'Pick how long.';
    if (picks.orgId === nothingToPick) errors.org = 'Pick an organization, or leave it empty.';
    if (Object.keys(errors).length > 0 || !role || !picks.duration) return err(errors);
    const [groups, directory] = await Promise.all([groupsOf(userId), deps.directory.read()]);
    const found = placeOf(directory, picks.spaceId as string, picks.orgId);
    if (!found.ok) return err({ [found.error.field]: found.error.message });
    const { space, org } = found.value;
    const ruled = selfServiceRuleFor(rules, {
      userId,
      groups,
      target: { orgId: org.id, orgName: org.name, spaceId: space.id, spaceName: space.name },
      role,
      seconds: picks.duration,
    });
    if (!ruled.ok) return err({ [refusalField[ruled.error.code]]: ruled.error.message });
    return ok(
      formatCommand(
        requestSpace,
        {
          space: unique(directory.spaces, space, (s) => s.orgId === org.id) ? space.name : space.id,
          org: unique(directory.orgs, org) ? org.name : org.id,
          role,
          for: picks.duration,
        },
        { public: false, ...(picks.reason ? { reason: picks.reason } : {}) },
      ),
    );
  };

  return { form, check };
}

/** Whether no other entry (in the same scope) has this one's name, so the name says which. */
const unique = <T extends { id: string; name: string }>(
  entries: readonly T[],
  entry: T,
  inScope: (other: T) => boolean = () => true,
): boolean => !entries.some((o) => o.id !== entry.id && o.name === entry.name && inScope(o));

type Place = { space: Directory['spaces'][number]; org: DirectoryOrg };

/** The picked space and its organization, from the directory; a pick it lacks is refused. */
function placeOf(
  directory: Directory,
  spaceId: string,
  orgId: string | undefined,
): Result<Place, { field: RequestField; message: string }> {
  const space = directory.spaces.find((s) => s.id === spaceId);
  const org = space && directory.orgs.find((o) => o.id === space.orgId);
  if (!space || !org) {
    return err({ field: 'space', message: 'That space is no longer known: pick it again.' });
  }
  if (orgId && orgId !== org.id) {
    const picked = directory.orgs.find((o) => o.id === orgId)?.name ?? 'the organization picked';
    return err({
      field: 'space',
      message: `Space ${space.name} is in ${org.name}, not in ${picked}: pick one of its spaces, or change the organization.`,
    });
  }
  return ok({ space, org });
}
