export const staffRoles = ['admin', 'hub_manager', 'reception', 'facilitator'] as const
export type StaffRole = (typeof staffRoles)[number]
