import { ROLES, type Role } from '../stores/meta/meta-store.ts'

const ALL: readonly Role[] = ROLES
const ANALYSTS: readonly Role[] = ['owner', 'admin', 'analyst']
const AGENTS: readonly Role[] = ['owner', 'admin', 'analyst', 'agent']
const ADMINS: readonly Role[] = ['owner', 'admin']

/**
 * The permission matrix: what each role may do. Every `/api` route names one of these in its
 * route config (`config: { permission: 'analytics.read' }`), and access-control.ts enforces it
 * before the handler runs. docs/security.md ("Access") shows the same table for people.
 */
export const PERMISSIONS = {
  /** Dashboards: journeys, funnels, lifecycle, CLV, personas, survey metrics, workspace counts. */
  'analytics.read': ALL,
  /** Look up a person, their profile and timeline (what an agent needs to call a customer back). */
  'persons.read': ALL,
  /** Merge two persons by hand (changes every analysis of both; cannot be undone). */
  'persons.merge': ADMINS,
  /** Read survey responses and comments in the dashboard. */
  'responses.read': ALL,
  /** Download responses as CSV (bulk personal data leaves the system). */
  'responses.export': ANALYSTS,
  /** Record answers taken on the phone. */
  'responses.record': AGENTS,
  /** Read surveys, versions and invitation lists. */
  'surveys.read': ALL,
  /** Create, edit, publish and archive surveys; invite and remind. */
  'surveys.write': ANALYSTS,
  /** Read closed-loop cases. */
  'cases.read': ALL,
  /** Change cases: status, assignee, outcome, notes. */
  'cases.work': AGENTS,
  /** Read workspace settings (they hold delivery credentials). */
  'settings.read': ADMINS,
  /** Change workspace settings, run survey triggers. */
  'settings.write': ADMINS,
  /** Create and revoke API keys. */
  'keys.manage': ADMINS,
  /** Add, re-role and remove dashboard users. */
  'members.manage': ADMINS,
  /** Consent, data-subject export and erasure. */
  'privacy.manage': ADMINS,
  /** Read the audit log. */
  'audit.read': ADMINS,
  /** Create and change outgoing webhooks. */
  'webhooks.manage': ADMINS,
} as const satisfies Record<string, readonly Role[]>

/** A permission name from the matrix. */
export type Permission = keyof typeof PERMISSIONS

/**
 * What a route declares: a permission, or `public` for the few `/api` routes that authenticate
 * by themselves or not at all (login, health).
 */
export type RoutePermission = Permission | 'public'

/** True when `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/** The roles that hold `permission`, most powerful first. */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission]
}

/** True for a name in the matrix (route configs are checked at start-up with this). */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value)
}

/** Rank of a role: 0 for owner … 4 for viewer. A caller may hand out only roles ranked at or below its own. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role)
}

/** True when `caller` may give someone (a key or a member) the role `granted`. */
export function mayGrant(caller: Role, granted: Role): boolean {
  return roleRank(granted) >= roleRank(caller)
}

/** "an admin", "a viewer": for messages. */
export function aRole(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; required on every `/api` route (see access-control.ts). */
    permission?: RoutePermission
  }
}
