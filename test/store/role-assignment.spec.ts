import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { director, operator } from '../support/fixtures.js';

describe('role assignments', () => {
  const db = useTestDatabase('roles');

  it('knows nobody until roles are assigned', async () => {
    expect(await db.store.roles.rolesOf(operator)).toEqual([]);
    expect(await db.store.roles.anyoneHolds('DCOM')).toBe(false);
  });

  it('replaces a user’s roles and keeps one record per chat user', async () => {
    await db.store.roles.assign(director, ['DCOM', 'DCOM', 'manager']);
    await db.store.roles.assign(operator, ['operator'], director);
    await db.store.roles.assign(operator, ['operator', 'SCOM'], director);
    expect(await db.store.roles.rolesOf(director)).toEqual(['DCOM', 'manager']);
    expect(await db.store.roles.rolesOf(operator)).toEqual(['operator', 'SCOM']);
    expect(await db.store.roles.rolesOf({ platform: 'teams', id: operator.id })).toEqual([]);
    expect(await db.store.models.roleAssignment.countDocuments()).toBe(2);
    expect(await db.store.roles.anyoneHolds('DCOM')).toBe(true);
  });

  it('keeps the holders of a role for mentions, but drops them as soon as this store assigns', async () => {
    const holders = async (role: 'SCOM') =>
      (await db.store.roles.holdersOf(role)).map((u) => u.id).sort();
    expect(await holders('SCOM')).toEqual([operator.id]);
    await db.store.roles.assign(director, ['DCOM', 'manager', 'SCOM']);
    expect(await holders('SCOM')).toEqual([director.id, operator.id].sort());
    // Written behind the store's back (another instance): roles, which authorise, are read fresh.
    await db.store.models.roleAssignment.updateOne(
      { 'user.id': operator.id },
      { $set: { roles: ['operator'] } },
    );
    expect(await db.store.roles.rolesOf(operator)).toEqual(['operator']);
    await db.store.roles.assign(director, ['DCOM', 'manager']);
    expect(await holders('SCOM')).toEqual([]);
  });
});
