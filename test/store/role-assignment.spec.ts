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
});
