import { randomBytes } from 'node:crypto'
import type { StaffUserRepository, StaffUser } from '../../data/staff/staff-user-repository.js'
import type { SignInAttempts } from '../../data/staff/sign-in-attempts.js'
import { insertStaffEmail } from '../../data/staff/staff-notifications.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { hashToken } from '../tokens.js'
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js'
import { newPasswordResetCredentials, RESET_LINK_MINUTES } from './password-reset-link.js'
import type { StaffPrincipal } from './policy.js'

/** What a staff session remembers: whose it is and the generation it was made in. */
export interface StaffSessionData {
  userId: number
  generation: number
}

export type SignInResult =
  { ok: true; session: StaffSessionData } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; minutes: number }

export type ResetResult = { ok: true } | { ok: false; reason: 'link' } | { ok: false; reason: 'password'; message: string }

/**
 * Staff sign-in, sign-out everywhere and password reset. Nothing here says whether it was the
 * email or the password that was wrong, or whether an email belongs to an account.
 */
export class StaffAuthService {
  private decoy: Promise<string> | undefined

  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly users: StaffUserRepository,
    private readonly attempts: SignInAttempts,
    private readonly secret: string,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<SignInResult> {
    const lockedMs = await this.attempts.lockedFor(email, address)
    if (lockedMs > 0) return { ok: false, reason: 'locked', minutes: Math.ceil(lockedMs / 60_000) }
    const user = await this.users.byEmail(email)
    // An unknown email still costs one scrypt, so the answer takes as long either way.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash()))
    if (!user || !user.active || !matches) {
      await this.attempts.recordFailure(email, address)
      return { ok: false, reason: 'wrong' }
    }
    await this.attempts.clear(email)
    return { ok: true, session: { userId: user.id, generation: user.sessionGeneration } }
  }

  /** The member of staff a session belongs to, unless they were signed out everywhere or deactivated. */
  async principal(session: StaffSessionData | undefined): Promise<StaffPrincipal | undefined> {
    if (!session) return undefined
    const user = await this.users.byId(session.userId)
    if (!user || !user.active || user.sessionGeneration !== session.generation) return undefined
    return toPrincipal(user, user.role === 'hub_manager' ? await this.users.hubIds(user.id) : [])
  }

  /** Every existing session of this user stops working at its next request. */
  async signOutEverywhere(userId: number): Promise<void> {
    await this.users.bumpSessionGeneration(userId)
  }

  /**
   * Records a reset link for the account (if there is one) and an email to send it. The caller
   * shows the same page either way.
   */
  async requestPasswordReset(email: string, now = new Date(), address = 'unknown'): Promise<void> {
    // Too many requests: silently no more emails (the page says the same either way).
    if (!(await this.attempts.allowResetRequest(email, address))) return
    const user = await this.users.byEmail(email)
    if (!user || !user.active) return
    const { nonce, tokenHash } = newPasswordResetCredentials(this.secret)
    const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000)
    await this.unitOfWork.run(async (tx, effects) => {
      await this.users.insertReset({ tokenHash, staffUserId: user.id, expiresAt }, tx)
      await insertStaffEmail(tx, {
        dedupeKey: `password_reset:${tokenHash}`,
        kind: 'password_reset',
        recipient: user.email,
        payload: { resetNonce: nonce, staffName: user.name, expiresAt: expiresAt.toISOString() },
      })
      effects.notificationsWritten()
    })
  }

  async resetLinkWorks(token: string, now = new Date()): Promise<boolean> {
    return (await this.users.findUsableReset(hashToken(token), now)) !== undefined
  }

  /** Sets the new password, uses up the link, and signs the account out everywhere. */
  async resetPassword(token: string, password: string, now = new Date()): Promise<ResetResult> {
    const problem = passwordProblem(password)
    if (problem) return { ok: false, reason: 'password', message: problem }
    const passwordHash = await hashPassword(password)
    const user = await this.unitOfWork.run(async (tx) => {
      const userId = await this.users.useReset(hashToken(token), now, tx)
      if (userId === undefined) return undefined
      await this.users.update(userId, { passwordHash }, tx)
      await this.users.bumpSessionGeneration(userId, tx)
      return this.users.byId(userId, tx)
    })
    if (!user) return { ok: false, reason: 'link' }
    await this.attempts.clear(user.email)
    return { ok: true }
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'))
    return this.decoy
  }
}

export function toPrincipal(user: StaffUser, hubIds: readonly number[]): StaffPrincipal {
  return { id: user.id, name: user.name, email: user.email, role: user.role, hubIds }
}
