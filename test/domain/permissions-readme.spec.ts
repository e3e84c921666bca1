import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS_NEEDING_ROLES, rolesFor } from '../../src/domain/roles/permissions.js';
import { ROLES } from '../../src/domain/roles/role.js';

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's "Who may do what" table, as action → roles. */
function documented(): Map<string, string[]> {
  const section = README.slice(README.indexOf('## Who may do what'));
  const rows = [...section.matchAll(/^\| `([a-z0-9_.]+)` +\| ([^|]+)\|$/gm)];
  return new Map(
    rows.map(([, action, roles]) => [
      action!,
      roles!.trim() === 'any role' ? [...ROLES] : roles!.split(',').map((r) => r.trim()),
    ]),
  );
}

describe('the README says who may do what, as the server checks it', () => {
  it('lists every permission with exactly its roles', () => {
    const table = documented();
    expect([...table.keys()].sort()).toEqual([...ACTIONS_NEEDING_ROLES].sort());
    for (const action of ACTIONS_NEEDING_ROLES)
      expect(table.get(action)?.slice().sort(), action).toEqual([...rolesFor(action)].sort());
  });
});
