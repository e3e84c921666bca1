import type { Role } from '../domain/roles/role.js';
import { RoleAssignmentSchema } from '../domain/roles/role.js';
import type { ChatUser } from '../domain/shared/chat-user.js';
import type { Models } from './models/index.js';
import { readRecord, readRecords, type BadRecordReporter } from './read-boundary.js';
import { readThrough } from './shared-cache.js';

const HOLDERS_TTL_MS = 10_000;
const DUPLICATE_KEY = 11000;
const SETUP_CLAIM = 'roles:setup';

export function roleAssignmentRepo(models: Models, report: BadRecordReporter) {
  const collection = models.roleAssignment.collection.collectionName;
  // Whom to tell (mentions, approval requests), read on every case; rolesOf is never cached.
  const holders = readThrough(HOLDERS_TTL_MS, async (role: Role) => {
    const docs = await models.roleAssignment.find({ roles: role }).sort({ _id: 1 }).lean();
    return readRecords(RoleAssignmentSchema, collection, docs, report).map((r) => r.user);
  });
  return {
    /** Roles held by a chat user; none when unknown or when the stored record is bad. */
    async rolesOf(user: Pick<ChatUser, 'platform' | 'id'>): Promise<Role[]> {
      const doc = await models.roleAssignment
        .findOne({ 'user.platform': user.platform, 'user.id': user.id })
        .lean();
      if (!doc) return [];
      const result = readRecord(RoleAssignmentSchema, collection, doc);
      if (result.ok) return result.value.roles;
      report(result.error);
      return [];
    },
    /** Replaces a user's roles in one atomic upsert. */
    async assign(user: ChatUser, roles: Role[], assignedBy?: ChatUser): Promise<void> {
      await models.roleAssignment.findOneAndUpdate(
        { 'user.platform': user.platform, 'user.id': user.id },
        { $set: { user, roles: [...new Set(roles)], ...(assignedBy ? { assignedBy } : {}) } },
        { upsert: true },
      );
      holders.clear();
    },
    async list(): Promise<{ user: ChatUser; roles: Role[] }[]> {
      const docs = await models.roleAssignment.find({}).sort({ _id: 1 }).lean();
      return readRecords(RoleAssignmentSchema, collection, docs, report).map(({ user, roles }) => ({
        user,
        roles,
      }));
    },
    /** Everyone holding a role (e.g. the directors to alert for a P1). */
    async holdersOf(role: Role): Promise<ChatUser[]> {
      return [...(await holders.get(role))];
    },
    async anyoneHolds(role: Role): Promise<boolean> {
      return (await models.roleAssignment.exists({ roles: role })) !== null;
    },
    async anyoneHoldsAny(): Promise<boolean> {
      return (await models.roleAssignment.exists({ 'roles.0': { $exists: true } })) !== null;
    },
    /**
     * Setup's one claim, ever (a unique insert: atomic on MongoDB and on the CI server): who
     * took it, this caller or whoever did first.
     */
    async claimSetup(by: ChatUser, at: Date): Promise<ChatUser> {
      const claims = models.outboxClaim.collection;
      try {
        await claims.insertOne({ _id: SETUP_CLAIM, at, user: by } as never);
        return by;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        const taken = await claims.findOne({ _id: SETUP_CLAIM } as never);
        return (taken as { user?: ChatUser } | null)?.user ?? by;
      }
    },
  };
}
