import type { DataAccess } from '../../data/index.js'
import { DEMO_STAFF } from '../../domain/demo-staff.js'
import { paths } from '../../paths.js'
import { roleNames } from './policy.js'
import { verifyPassword } from './passwords.js'

/**
 * Lines for `npm start` to print outside production: the demo accounts that still exist with their
 * published demo passwords, and where to sign in (baseUrl: the address the server really listens on). Never anything in production, and nothing once a password is changed.
 */
export async function demoLogins(data: DataAccess, baseUrl = data.config.baseUrl): Promise<string[]> {
  if (data.config.isProduction) return []
  const lines: string[] = []
  for (const account of DEMO_STAFF) {
    const user = await data.staff.users.byEmail(account.email)
    if (user?.active && (await verifyPassword(account.password, user.passwordHash))) {
      lines.push(`${roleNames[account.role]}: ${account.email} / ${account.password}`)
    }
  }
  if (lines.length > 0) lines.unshift(`Sign in at ${baseUrl}${paths.staff.signIn}`)
  return lines
}
