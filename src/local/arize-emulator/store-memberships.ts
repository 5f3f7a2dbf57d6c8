import { encodeId, ID_TYPES, type IdType } from './ids.ts';
import {
  type OrgMemberRec,
  type OrgRole,
  type RoleAssignment,
  type SpaceMemberRec,
  type SpaceRec,
  type SpaceRole,
  sameRole,
} from './model.ts';

export type Nested<K, V> = Map<number, Map<K, V>>;

export function nestedGet<K, V>(map: Nested<K, V>, a: number): Map<K, V> {
  let inner = map.get(a);
  if (!inner) {
    inner = new Map();
    map.set(a, inner);
  }
  return inner;
}

/**
 * Id sequences and the membership indexes (org and space members, both ways, plus org admins),
 * with upserts and cascading removals. AccountStore builds the rest of the account on top.
 */
export class MembershipStore {
  readonly spaces = new Map<number, SpaceRec>();
  readonly orgMembers: Nested<number, OrgMemberRec> = new Map();
  /** Org ADMIN members per org (implicit space admins in GraphQL spaceUsers). */
  readonly orgAdmins = new Map<number, Set<number>>();
  readonly userOrgs: Nested<number, OrgMemberRec> = new Map();
  readonly spaceMembers: Nested<number, SpaceMemberRec> = new Map();
  readonly userSpaces: Nested<number, SpaceMemberRec> = new Map();
  private readonly counters = new Map<IdType, number>();

  next(type: IdType): { n: number; id: string } {
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    return { n, id: encodeId(type, n) };
  }

  /** Upsert; `changed` is false when the same role was already assigned. */
  upsertOrgMember(
    userN: number,
    orgN: number,
    role: RoleAssignment<OrgRole>,
  ): { rec: OrgMemberRec; changed: boolean } {
    const existing = this.orgMembers.get(orgN)?.get(userN);
    if (existing) {
      const changed = !sameRole(existing.role, role);
      existing.role = role;
      this.refreshOrgAdmin(existing);
      return { rec: existing, changed };
    }
    const { n, id } = this.next(ID_TYPES.orgMembership);
    const rec: OrgMemberRec = { n, id, userN, orgN, role };
    nestedGet(this.orgMembers, orgN).set(userN, rec);
    nestedGet(this.userOrgs, userN).set(orgN, rec);
    this.refreshOrgAdmin(rec);
    return { rec, changed: true };
  }

  /** Removes the org membership and, in cascade, the user's memberships in its spaces. */
  removeOrgMember(userN: number, orgN: number): boolean {
    const existing = this.orgMembers.get(orgN)?.get(userN);
    if (!existing) return false;
    this.orgMembers.get(orgN)?.delete(userN);
    this.userOrgs.get(userN)?.delete(orgN);
    this.orgAdmins.get(orgN)?.delete(userN);
    for (const spaceN of [...(this.userSpaces.get(userN)?.keys() ?? [])]) {
      if (this.spaces.get(spaceN)?.orgN === orgN) this.removeSpaceMember(userN, spaceN);
    }
    return true;
  }

  private refreshOrgAdmin(rec: OrgMemberRec): void {
    let admins = this.orgAdmins.get(rec.orgN);
    if (!admins) {
      admins = new Set();
      this.orgAdmins.set(rec.orgN, admins);
    }
    if (rec.role.type === 'PREDEFINED' && rec.role.name === 'ADMIN') admins.add(rec.userN);
    else admins.delete(rec.userN);
  }

  upsertSpaceMember(
    userN: number,
    spaceN: number,
    role: RoleAssignment<SpaceRole>,
  ): { rec: SpaceMemberRec; changed: boolean } {
    const existing = this.spaceMembers.get(spaceN)?.get(userN);
    if (existing) {
      const changed = !sameRole(existing.role, role);
      existing.role = role;
      return { rec: existing, changed };
    }
    const { n, id } = this.next(ID_TYPES.spaceMembership);
    const rec: SpaceMemberRec = { n, id, userN, spaceN, role };
    nestedGet(this.spaceMembers, spaceN).set(userN, rec);
    nestedGet(this.userSpaces, userN).set(spaceN, rec);
    return { rec, changed: true };
  }

  removeSpaceMember(userN: number, spaceN: number): boolean {
    const existing = this.spaceMembers.get(spaceN)?.get(userN);
    if (!existing) return false;
    this.spaceMembers.get(spaceN)?.delete(userN);
    this.userSpaces.get(userN)?.delete(spaceN);
    return true;
  }
}
