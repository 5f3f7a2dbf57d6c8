/**
 * The names of organizations and spaces the request modal offers, as last read from Arize. The
 * slack function holds no Arize key, so it suggests from this copy (DynamoDB), which the worker
 * keeps up to date as it lists and changes orgs and spaces and a scheduled job refreshes.
 */
export interface DirectoryOrg {
  id: string;
  name: string;
}

export interface DirectorySpace {
  id: string;
  name: string;
  orgId: string;
}

export interface Directory {
  orgs: DirectoryOrg[];
  spaces: DirectorySpace[];
}

/** One option of a select: the id it stands for and what the person reads. */
export interface Suggestion {
  value: string;
  label: string;
}

/** Slack shows at most 100 options, each at most 75 characters of text. */
export const maxSuggestions = 100;
const maxLabelLength = 75;

const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** A name with what qualifies it, both cut so that the whole fits and the qualifier shows. */
const label = (name: string, qualifier?: string): string => {
  if (qualifier === undefined) return cut(name, maxLabelLength);
  const suffix = ` (${cut(qualifier, 30)})`;
  return `${cut(name, maxLabelLength - suffix.length)}${suffix}`;
};

/** Names that contain the typed text (any case), those that start with it first, then by name. */
function ranked<T extends { name: string }>(items: readonly T[], typed: string): T[] {
  const needle = typed.trim().toLowerCase();
  const scored = items
    .map((item) => ({ item, at: item.name.toLowerCase().indexOf(needle) }))
    .filter(({ at }) => at >= 0);
  scored.sort(
    (a, b) =>
      Number(a.at !== 0) - Number(b.at !== 0) ||
      a.item.name.localeCompare(b.item.name, 'en', { sensitivity: 'base' }),
  );
  return scored.map(({ item }) => item);
}

/** The organizations whose name contains the typed text, at most 100. */
export function suggestOrgs(directory: Directory, typed: string): Suggestion[] {
  return ranked(directory.orgs, typed)
    .slice(0, maxSuggestions)
    .map((org) => ({ value: org.id, label: label(org.name) }));
}

/**
 * The spaces whose name contains the typed text, at most 100: in the chosen organization, or in
 * all of them, each then labelled with its organization (the same name may exist in several).
 */
export function suggestSpaces(directory: Directory, typed: string, orgId?: string): Suggestion[] {
  const orgNames = new Map(directory.orgs.map((org) => [org.id, org.name]));
  const candidates = orgId
    ? directory.spaces.filter((space) => space.orgId === orgId)
    : directory.spaces;
  return ranked(candidates, typed)
    .slice(0, maxSuggestions)
    .map((space) => ({
      value: space.id,
      label: orgId
        ? label(space.name)
        : label(space.name, orgNames.get(space.orgId) ?? 'unknown organization'),
    }));
}
