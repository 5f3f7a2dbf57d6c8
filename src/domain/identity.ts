/** The facts about a Slack person that decide whether they may take part. */
export interface PersonFacts {
  teamId: string;
  isBot: boolean;
  deleted: boolean;
  isGuest: boolean;
}

/**
 * Why a person may not request a change (or approve one), or undefined when they may. Bots,
 * deleted users, guests and people of other workspaces never count.
 */
export function refusalOf(person: PersonFacts | undefined, teamId: string): string | undefined {
  if (!person) return 'Slack does not know this user.';
  if (person.teamId !== teamId) return 'people from other workspaces cannot make changes here.';
  if (person.isBot) return 'bots cannot make changes through arize-ops.';
  if (person.deleted) return 'deactivated Slack users cannot make changes.';
  if (person.isGuest) return 'Slack guests cannot make changes through arize-ops.';
  return undefined;
}
