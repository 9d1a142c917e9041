export { audiences, bookingModes, deliveryModes } from '../../../domain/catalogue.js'
export type { NewHub, NewProgramme } from '../../../data/staff/catalogue-admin.js'
