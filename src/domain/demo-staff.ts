import type { StaffRole } from './staff.js'

/**
 * One demo account per role. The passwords are public (printed by `npm start` outside production),
 * so these accounts exist only in demo data, never in a real deployment. Here rather than in the
 * seeding CLI because `npm start` (a service) reads it too.
 */
export const DEMO_STAFF: readonly { email: string; name: string; role: StaffRole; password: string }[] = [
  { email: 'admin@familyhubs.example', name: 'Alex Admin', role: 'admin', password: 'demo-admin-password' },
  { email: 'manager@familyhubs.example', name: 'Morgan Manager', role: 'hub_manager', password: 'demo-manager-password' },
  { email: 'reception@familyhubs.example', name: 'Riley Reception', role: 'reception', password: 'demo-reception-password' },
  { email: 'facilitator@familyhubs.example', name: 'Frankie Facilitator', role: 'facilitator', password: 'demo-facilitator-password' },
]
