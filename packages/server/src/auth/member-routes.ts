import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AuditLog } from '../audit/audit-log.ts'
import { TouchstoneError } from '../errors.ts'
import { ROLES, type MemberChange, type MetaStore, type Role } from '../stores/meta/meta-store.ts'
import type { SessionService } from '../web/session-service.ts'
import { hashPassword, randomPassword } from './passwords.ts'
import { aRole, mayGrant } from './permissions.ts'

const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'owner, admin, analyst, agent or viewer' },
)
const Member = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  addedAt: Type.String(),
})
const AddMember = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    password: Type.Optional(
      Type.String({
        minLength: 10,
        maxLength: 1024,
        description: 'Initial password; omit to get a generated one',
      }),
    ),
  },
  { additionalProperties: false },
)
const UserParams = Type.Object({ userId: Type.String({ format: 'uuid' }) })

/** `/api/members`: who may sign in to the workspace's dashboard, with which role (owner/admin). */
export function memberRoutes(deps: { meta: MetaStore; audit: AuditLog; sessions: SessionService }) {
  const { meta } = deps

  /** A caller may only touch members ranked at or below itself, and only hand out such roles. */
  function checkRank(callerRole: Role, role: Role, what: string): void {
    if (!mayGrant(callerRole, role))
      throw new TouchstoneError('TS_FORBIDDEN', `${aRole(callerRole)} cannot ${what} ${aRole(role)}`)
  }

  function outcome(change: MemberChange, userId: string): void {
    if (change === 'not_found')
      throw new TouchstoneError('TS_NOT_FOUND', `no member ${userId} in this workspace`)
    if (change === 'last_owner')
      throw new TouchstoneError(
        'TS_CONFLICT',
        'this is the workspace’s last owner; make another member owner first',
      )
  }

  return async (app: FastifyInstance) => {
    app.get(
      '/api/members',
      {
        config: { permission: 'members.manage' },
        schema: {
          tags: ['access'],
          summary: 'The workspace’s dashboard users and their roles',
          security: [{ secretKey: [] }],
          response: { 200: Type.Object({ items: Type.Array(Member) }) },
        },
      },
      async (request) => ({
        items: (await meta.listMembers(request.caller!.workspaceId)).map((m) => ({
          ...m,
          addedAt: m.addedAt.toISOString(),
        })),
      }),
    )

    app.post(
      '/api/members',
      {
        config: { permission: 'members.manage' },
        schema: {
          tags: ['access'],
          summary:
            'Add a user (new: with the given or a generated password, shown once; existing: keeps their password)',
          security: [{ secretKey: [] }],
          body: AddMember,
          response: {
            201: Type.Composite([
              Member,
              Type.Object({
                password: Type.Union([Type.String(), Type.Null()], {
                  description:
                    'The generated password, shown this once; null when given or for an existing user',
                }),
              }),
            ]),
          },
        },
      },
      async (request, reply) => {
        const caller = request.caller!
        const body = request.body as Static<typeof AddMember>
        checkRank(caller.role, body.role, 'add')
        const email = body.email.trim().toLowerCase()
        let user = await meta.findUserByEmail(email)
        let generated: string | null = null
        if (user) {
          // Another workspace's admin must not be able to set this person's password.
          if (body.password !== undefined)
            throw new TouchstoneError(
              'TS_BAD_REQUEST',
              `${email} already has an account and keeps its password; leave password out`,
            )
          if (await meta.memberRole(caller.workspaceId, user.id))
            throw new TouchstoneError(
              'TS_CONFLICT',
              `${email} is already a member; change the role with PATCH`,
            )
        } else {
          generated = body.password === undefined ? randomPassword() : null
          user = await meta.createUser({
            email,
            name: body.name.trim(),
            passwordHash: await hashPassword(body.password ?? (generated as string)),
          })
        }
        await meta.addMember(caller.workspaceId, user.id, body.role)
        deps.sessions.forgetUser(user.id)
        await deps.audit.record({ ...caller, ip: request.ip }, 'member.added', user.id, {
          email,
          role: body.role,
          newUser: generated !== null || body.password !== undefined,
        })
        const member = (await meta.listMembers(caller.workspaceId)).find((m) => m.userId === user.id)!
        return reply
          .status(201)
          .send({ ...member, addedAt: member.addedAt.toISOString(), password: generated })
      },
    )

    app.patch(
      '/api/members/:userId',
      {
        config: { permission: 'members.manage' },
        schema: {
          tags: ['access'],
          summary: 'Change a member’s role (never the last owner’s; only roles up to your own)',
          security: [{ secretKey: [] }],
          params: UserParams,
          body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
          response: { 200: Member },
        },
      },
      async (request) => {
        const caller = request.caller!
        const { userId } = request.params as Static<typeof UserParams>
        const { role } = request.body as { role: Role }
        const current = await meta.memberRole(caller.workspaceId, userId)
        if (!current) throw new TouchstoneError('TS_NOT_FOUND', `no member ${userId} in this workspace`)
        checkRank(caller.role, current, 'change the role of')
        checkRank(caller.role, role, 'make someone')
        outcome(await meta.changeMemberRole(caller.workspaceId, userId, role), userId)
        deps.sessions.forgetUser(userId)
        if (current !== role)
          await deps.audit.record({ ...caller, ip: request.ip }, 'member.role_changed', userId, {
            from: current,
            to: role,
          })
        const member = (await meta.listMembers(caller.workspaceId)).find((m) => m.userId === userId)!
        return { ...member, addedAt: member.addedAt.toISOString() }
      },
    )

    app.delete(
      '/api/members/:userId',
      {
        config: { permission: 'members.manage' },
        schema: {
          tags: ['access'],
          summary:
            'Remove a member from the workspace (never the last owner); their sessions here stop working',
          security: [{ secretKey: [] }],
          params: UserParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const caller = request.caller!
        const { userId } = request.params as Static<typeof UserParams>
        const current = await meta.memberRole(caller.workspaceId, userId)
        if (!current) throw new TouchstoneError('TS_NOT_FOUND', `no member ${userId} in this workspace`)
        checkRank(caller.role, current, 'remove')
        outcome(await meta.removeMember(caller.workspaceId, userId), userId)
        deps.sessions.forgetUser(userId)
        await deps.audit.record({ ...caller, ip: request.ip }, 'member.removed', userId, { role: current })
        return reply.status(204).send()
      },
    )
  }
}
