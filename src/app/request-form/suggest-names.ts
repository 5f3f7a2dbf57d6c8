import {
  type Directory,
  type Suggestion,
  suggestOrgs,
  suggestSpaces,
} from '../../domain/directory/name-directory.ts';
import type { NameDirectory } from '../ports.ts';

/** What the person typed in the organization or space select, and the organization chosen. */
export interface SuggestQuery {
  field: 'org' | 'space';
  typed: string;
  orgId?: string;
}

/** The value of the one option shown when there is nothing to pick (submitting it is refused). */
export const nothingToPick = 'nothing-to-pick';

const hint = (label: string): Suggestion[] => [{ value: nothingToPick, label }];

/** Why there is nothing to pick, as the only option (Slack shows an empty list as silence). */
function emptyHint(directory: Directory, query: SuggestQuery): Suggestion[] {
  if (directory.orgs.length === 0 && directory.spaces.length === 0) {
    return hint('No names known yet: try again in a few minutes');
  }
  if (query.field === 'space' && query.orgId) {
    const inOrg = directory.spaces.some((space) => space.orgId === query.orgId);
    if (!inOrg) return hint('No spaces known in this organization');
  }
  return [];
}

/**
 * The options of the request modal's organization and space selects, from the name directory
 * (the slack function holds no Arize key): names containing the typed text, spaces in the chosen
 * organization, at most 100.
 */
export function makeSuggestNames(deps: { directory: Pick<NameDirectory, 'read'> }) {
  return async (query: SuggestQuery): Promise<Suggestion[]> => {
    const directory = await deps.directory.read();
    const options =
      query.field === 'org'
        ? suggestOrgs(directory, query.typed)
        : suggestSpaces(directory, query.typed, query.orgId);
    return options.length > 0 ? options : emptyHint(directory, query);
  };
}
