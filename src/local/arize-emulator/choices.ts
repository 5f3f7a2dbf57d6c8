/**
 * Every behaviour the reference marks [U] (unconfirmed), and what the emulator does about it.
 * README.md "Documented choices" repeats this list; a test keeps the two in sync by `id`.
 */
export interface DocumentedChoice {
  id: string;
  question: string;
  choice: string;
}

export const DOCUMENTED_CHOICES: readonly DocumentedChoice[] = [
  { id: 'extra-fields', question: 'Unknown or extra body fields', choice: 'Ignored.' },
  { id: 'system-fields', question: '`id` or `created_at` supplied on create', choice: '400.' },
  { id: 'empty-patch', question: 'Empty PATCH body `{}`', choice: '400 ("at least one of …").' },
  {
    id: 'blank-names',
    question: 'Empty or whitespace-only org/space name (spaces have no minLength)',
    choice: '400.',
  },
  { id: 'self-delete', question: 'Status when callers delete themselves', choice: '400.' },
  {
    id: 'limit-range',
    question: '`limit` outside 1..100 or not an integer; a bad `cursor`',
    choice: '400.',
  },
  {
    id: 'bad-enum',
    question: 'Invalid `status`, `key_type` or `operation_type` query value',
    choice: '400.',
  },
  {
    id: 'name-case',
    question: 'Is the 409 name check case-insensitive?',
    choice: 'Yes: "Acme ML" and "acme ml" conflict (orgs in the account, spaces in their org).',
  },
  {
    id: 'list-order',
    question: 'Order of organizations and spaces',
    choice: 'Oldest first (created_at, then creation sequence), like users.',
  },
  {
    id: 'deleted-get',
    question: 'GET of a deleted org, space or user',
    choice:
      '404. A deleted (inactive) user is 404 on GET, PATCH, resend-invitation and reset-password; DELETE stays 204.',
  },
  {
    id: 'users-name-filter',
    question: 'Does `GET /v2/users` honour `?name`?',
    choice: 'Yes, a case-insensitive substring on the name, combinable with `email`.',
  },
  {
    id: 'key-format',
    question: 'Raw API key format',
    choice:
      '`ak-` + 40 base62 characters; `redacted_key` is the first 6 characters, `...`, the last 3 (`ak-abc...xyz`).',
  },
  {
    id: 'rest-rate-limit',
    question: 'Numeric REST rate limits',
    choice:
      'None by default; add them with faults (`rateLimit` token bucket → 429, `Retry-After`, Problem body).',
  },
  {
    id: 'error-code',
    question: 'The `error_code` values',
    choice: 'Not sent: problems carry type, title, status, detail, instance.',
  },
  {
    id: 'org-id-filter',
    question: '`GET /v2/spaces?org_id=<unknown>`',
    choice: '404 (malformed id: 400), as the 8.40 changelog suggests.',
  },
  {
    id: 'wrong-type-id',
    question: 'A well-formed id of another type (a User id as org_id)',
    choice: '404, like an unknown id.',
  },
  {
    id: 'annotator-status',
    question: 'Status of an annotator-rule violation on spaces',
    choice: '400, as for organizations.',
  },
  {
    id: 'org-remove-non-member',
    question: 'Removing a non-member from an organization',
    choice: '404, as for spaces.',
  },
  {
    id: 'description-clear',
    question: 'Clearing a description',
    choice: 'Both `null` and `""` clear it (stored as `""`).',
  },
  {
    id: 'refresh-identity',
    question: 'Does refresh keep the key id?',
    choice:
      'Yes: same id, name, bindings; new secret. During `grace_period_seconds` the old secret still authenticates (capped by the old expiry).',
  },
  { id: 'refresh-revoked', question: 'Refreshing a revoked key', choice: '400.' },
  { id: 'expires-past', question: '`expires_at` in the past on create or refresh', choice: '422.' },
  {
    id: 'expired-key-status',
    question: 'Status of an expired key in lists',
    choice:
      'Still ACTIVE (the enum has only ACTIVE|REVOKED), with `expires_at` in the past; it gets 401.',
  },
  {
    id: 'service-list-scope',
    question: '`key_type=SERVICE` without `space_id`; `space_id` with `key_type=USER`',
    choice: 'Both 400.',
  },
  {
    id: 'service-key-read',
    question: 'Who can read (refresh/revoke/see) a service key',
    choice:
      'Account admins, its creator, and members or admins of a bound space; anyone else gets 404.',
  },
  {
    id: 'key-cascade',
    question: 'What happens to API keys when an org or space is deleted',
    choice:
      'Service keys lose the bindings in it; a key left without bindings is deleted (gone from lists, 401). USER keys are untouched.',
  },
  {
    id: 'bot-users',
    question: 'Are service-key bot users account users?',
    choice:
      'Not over REST (absent from /v2/users, 404 on GET). GraphQL shows them with userType bot.',
  },
  {
    id: 'bot-lifecycle',
    question: "What happens to a service key's bot user when the key is revoked or deleted",
    choice:
      'It is deactivated: its org and space memberships go, so it no longer shows in spaceUsers. A bot with account role ADMIN acts as an account admin.',
  },
  {
    id: 'invite-expiry',
    question: 'When does an invitation become EXPIRED?',
    choice: 'Never by itself: EXPIRED comes from seeds only.',
  },
  {
    id: 'resend-invitation',
    question: 'What `POST /v2/users/{id}/resend-invitation` checks and changes',
    choice:
      'Account admin (else 403); unknown or deleted user 404; 400 when the user is not INVITED (ACTIVE, EXPIRED) or the seed sets `account.samlEnforced`; else 204, the user unchanged (created_at kept, so its age still counts from the first invitation).',
  },
  {
    id: 'reinvite-expired',
    question: 'Re-inviting an EXPIRED email',
    choice:
      '201 with the same user id; status INVITED (ACTIVE with NONE); name, role and is_developer from the request; created_at unchanged.',
  },
  {
    id: 'invite-none-existing',
    question: '`invite_mode: NONE` for an email that is INVITED or EXPIRED',
    choice: 'INVITED: 200 with the existing user, unchanged. EXPIRED: 201, now ACTIVE.',
  },
  {
    id: 'custom-account-role',
    question: 'CUSTOM account role on user create',
    choice: '422 ("not yet supported").',
  },
  {
    id: 'permissions',
    question: 'The permission model',
    choice:
      'Account ADMIN: everything. Org ADMIN: the org, its members and spaces (creating a space needs org ADMIN). Space ADMIN: the space and its members. A public space gives org MEMBER/READ_ONLY members that role implicitly; private spaces need explicit membership or an admin role. Annotators cannot read users (403 list, 404 get). Custom roles read only.',
  },
  {
    id: 'service-key-create',
    question: 'Creating service keys',
    choice:
      "Caller needs space MEMBER or ADMIN in every target space (else 403); a role above the caller's own is 422; a space outside its listed org is 422.",
  },
  {
    id: 'mutation-log',
    question: 'What counts as a mutation (mutation log, audit log)',
    choice:
      'Real state changes only: idempotent repeats (same role, INVITED re-create, re-revoke, re-delete) are not recorded. resend-invitation and reset-password are recorded.',
  },
  {
    id: 'audit-content',
    question: 'What `GET /v2/audit-logs` contains',
    choice:
      'One MUTATION entry per recorded change (REST and GraphQL), newest first; operation_name is the camelCase operation, operation_text the REST body or GraphQL query, variables the GraphQL variables. Reads are not logged.',
  },
  {
    id: 'gql-status',
    question: 'HTTP status of GraphQL errors',
    choice:
      'Transport problems are non-200 with a GraphQL `errors` body: 401 (no/invalid x-api-key), 403 (owner not a developer), 405 (not POST), 400 (body not JSON / no query), 429 (rate limit). Parse, validation, complexity and resolver errors are 200 with `errors[].extensions.code`.',
  },
  {
    id: 'gql-rate-limit',
    question: 'How the GraphQL rate limits apply',
    choice:
      'Per API key token buckets: 100 queries/min and 300 mutations/min; 429 with `Retry-After` (seconds) and `errors[0].message` starting with TOO_MANY_REQUESTS, code TOO_MANY_REQUESTS. Counted after auth, before validation.',
  },
  {
    id: 'gql-complexity',
    question: 'How query complexity is computed',
    choice:
      "Each field returning an object costs 1; scalars and enums are free; `edges`/`nodes` and everything below them cost × the connection's `first` (default 50). Over 1000: 200 with code QUERY_COMPLEXITY_EXCEEDED and the computed value. GetSpaceUsers with first 50 costs 203, so 4 aliased spaces fit in one query.",
  },
  {
    id: 'gql-first',
    question: 'Connection `first`',
    choice: 'Default 50, maximum 100 (error BAD_USER_INPUT beyond).',
  },
  {
    id: 'gql-space-users',
    question: 'Who `spaceUsers` lists',
    choice:
      'Explicit members plus implicit admins (account admins: ACCOUNT_ADMIN, org admins: ORGANIZATION_ADMIN, role admin); the strongest grant wins. PUBLIC_MEMBERSHIP users are not listed; inactive users never.',
  },
  {
    id: 'gql-user-status',
    question: 'GraphQL UserStatus values',
    choice: 'active, invited, expired, inactive (the toolkit knows active|inactive).',
  },
  {
    id: 'gql-ids',
    question: 'GraphQL ids',
    choice:
      'The REST ids; `node(id:)` resolves Organization ids (also `AccountOrganization:n`) as AccountOrganization.',
  },
  {
    id: 'gql-developer-key',
    question: 'Which keys GraphQL accepts',
    choice: 'Any active, unexpired key whose owner (or bot) has developer access.',
  },
  {
    id: 'dialect',
    question: 'Legacy lowercase wire dialect (≤ 8.39)',
    choice: 'Not emulated: only the current upper-case dialect (arize-ops speaks only that).',
  },
  {
    id: 'cursors',
    question: 'Cursor format and stability',
    choice:
      "Opaque base64url of the last item's sort key; pages seek past it, so inserts and deletes between pages neither skip nor repeat survivors.",
  },
] as const;
