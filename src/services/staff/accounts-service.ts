import type { StaffRole } from '../../domain/staff.js'
import type { StaffUserRepository } from '../../data/staff/staff-user-repository.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditService } from './audit-service.js'
import { hashPassword, passwordProblem } from './passwords.js'
import type { StaffPrincipal } from './policy.js'

export interface NewStaffAccount {
  email: string
  name: string
  role: StaffRole
  password: string
  hubIds?: readonly number[]
}

export type AccountResult = { ok: true; id: number } | { ok: false; field: 'email' | 'password'; message: string }

/** Staff accounts: made and changed by admins (and the create-admin command). */
export class StaffAccountsService {
  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly users: StaffUserRepository,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.users.list()
  }

  async get(id: number) {
    const user = await this.users.byId(id)
    return user && { ...user, hubIds: await this.users.hubIds(id) }
  }

  facilitators() {
    return this.users.byRole('facilitator')
  }

  async create(account: NewStaffAccount, actor: StaffPrincipal | null = null): Promise<AccountResult> {
    const problem = passwordProblem(account.password)
    if (problem) return { ok: false, field: 'password', message: problem }
    if (await this.users.byEmail(account.email))
      return { ok: false, field: 'email', message: 'There is already a staff account with this email address' }
    const passwordHash = await hashPassword(account.password)
    const id = await this.unitOfWork.run(async (tx) => {
      const user = await this.users.insert({ email: account.email, name: account.name, role: account.role, passwordHash }, tx)
      const hubIds = account.role === 'hub_manager' ? (account.hubIds ?? []) : []
      await this.users.setHubs(user.id, hubIds, tx)
      await this.audit.record(tx, actor, {
        action: 'staff_account.created',
        entityType: 'staff_user',
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role, hubIds },
      })
      return user.id
    })
    return { ok: true, id }
  }

  /** Changing role or hubs, or deactivating, also ends the account's sessions. */
  async update(
    id: number,
    changes: { name: string; role: StaffRole; active: boolean; hubIds: readonly number[] },
    actor: StaffPrincipal,
  ): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const before = await this.users.byId(id, tx)
      if (!before) throw new Error(`No staff user ${id}`)
      const beforeHubs = await this.users.hubIds(id, tx)
      const hubIds = changes.role === 'hub_manager' ? [...changes.hubIds].sort((a, b) => a - b) : []
      await this.users.update(id, { name: changes.name, role: changes.role, active: changes.active }, tx)
      await this.users.setHubs(id, hubIds, tx)
      const accessChanged =
        before.role !== changes.role || before.active !== changes.active || beforeHubs.sort((a, b) => a - b).join() !== hubIds.join()
      if (accessChanged) await this.users.bumpSessionGeneration(id, tx)
      await this.audit.record(tx, actor, {
        action: 'staff_account.updated',
        entityType: 'staff_user',
        entityId: id,
        before: { name: before.name, role: before.role, active: before.active, hubIds: beforeHubs },
        after: { name: changes.name, role: changes.role, active: changes.active, hubIds },
      })
    })
  }
}
