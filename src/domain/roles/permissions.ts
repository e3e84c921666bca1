import { ROLES, type Role } from './role.js';

/** Everything a person can do that someone might not be allowed to do. */
const WHO_MAY = {
  'complaint.file': ['operator', 'coordinator', 'technician', 'manager', 'DCOM', 'SCOM'],
  'complaint.acknowledge': ['operator', 'coordinator', 'technician', 'manager', 'DCOM'],
  'complaint.take_in_charge': ['technician', 'coordinator', 'manager'],
  'complaint.add_note': ['operator', 'coordinator', 'technician', 'manager', 'DCOM', 'SCOM'],
  'complaint.wait_customer': ['operator', 'coordinator', 'technician', 'manager'],
  'complaint.resume': ['operator', 'coordinator', 'technician', 'manager'],
  'complaint.escalate': ['operator', 'coordinator', 'technician', 'manager'],
  'complaint.resolve': ['technician', 'coordinator', 'manager'],
  'complaint.close': ['operator', 'coordinator', 'manager', 'DCOM'],
  'complaint.reopen': ['operator', 'coordinator', 'manager', 'DCOM'],
  'complaint.reject': ['manager', 'DCOM'],
  'complaint.withdraw': ['operator', 'coordinator', 'manager'],
  // Case administration from the card: who plans the department's work (README, "Who may do what").
  'complaint.reassign': ['coordinator', 'manager', 'DCOM', 'admin'],
  'complaint.reroute': ['coordinator', 'manager', 'DCOM', 'admin'],
  'complaint.reprioritise': ['coordinator', 'manager', 'DCOM', 'admin'],
  'complaint.correct_client': ['operator', 'coordinator', 'manager', 'DCOM', 'admin'],
  'client.register': ['operator', 'coordinator', 'technician', 'manager', 'DCOM', 'SCOM'],
  'care.log': ['SCOM', 'DCOM', 'operator', 'coordinator', 'manager'],
  'kpi.digest': ['DCOM', 'SCOM', 'manager', 'admin'],
  'registers.export': ['DCOM', 'SCOM', 'manager', 'admin'],
  'd2.raise': ['SDID', 'SAMM'],
  'd2.sign': ['DCOM'],
  'd2.decline': ['DCOM'],
  'd2.start': ['DCOM', 'SCOM'],
  'd2.complete': ['DCOM', 'SCOM'],
  'communication.draft': ['DCOM'],
  'communication.protocol': ['SCOM'],
  'roles.assign': ['DCOM', 'admin'],
  // Where cases go is the process owners' setting (README, "Routing rules").
  'routing.manage': ['DCOM', 'manager', 'admin'],
  // Where the weekly digest goes is the commercial director's call (issue 17.9).
  'settings.digest': ['DCOM'],
  // Departments, categories and problem codes are the process owners' list too (README, "Taxonomy").
  'taxonomy.manage': ['DCOM', 'manager', 'admin'],
  // Reading the registers needs a role of the procedure (least privilege; README, "Who reads what").
  'complaints.read': ROLES,
  'clients.read': ROLES,
  'roles.read': ROLES,
  'care.read': ['SCOM', 'DCOM', 'operator', 'coordinator', 'manager', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof WHO_MAY;

/** Checked on the server for every action, whatever the chat showed the user. */
export function may(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = WHO_MAY[action];
  return roles.some((role) => allowed.includes(role));
}

/** An approval asked of a role can be given by that role or by the director. */
export function mayDecideApproval(roles: readonly Role[], requiredRole: Role): boolean {
  return roles.includes(requiredRole) || roles.includes('DCOM');
}

/** Who may do an action: the roles to name when someone is refused. */
export const rolesFor = (action: Action): readonly Role[] => WHO_MAY[action];

/** Every action a role is checked for (each has its refusal text in the catalogues). */
export const ACTIONS_NEEDING_ROLES = Object.keys(WHO_MAY) as Action[];
