// Who may do what. Three roles; each route and page names the one permission it needs.
//
//   viewer  – supervisors: every page, every read and every export
//   manager – also saves and deletes snapshots, manages display keys, reads the audit log
//   display – a wall display: /tv and the data it shows, customers' names and phones masked

export const ROLES = ['viewer', 'manager', 'display'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** The wall display's page and data: /tv, /api/load, /api/waiting, /api/version. */
  | 'display'
  /** Everything that reads: pages, chats with names and phones, exports, snapshots, history. */
  | 'view'
  /** Everything that changes or administers: snapshots saved and deleted, display keys, audit log. */
  | 'manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  display: ['display'],
  viewer: ['display', 'view'],
  manager: ['display', 'view', 'manage'],
};

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
