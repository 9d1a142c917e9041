export const consentSources = ['online', 'phone', 'in_person'] as const
export type ConsentSource = (typeof consentSources)[number]
