export const channels = ['email', 'sms'] as const
export type Channel = (typeof channels)[number]

export const notificationStates = ['scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled', 'skipped'] as const
export type NotificationState = (typeof notificationStates)[number]
