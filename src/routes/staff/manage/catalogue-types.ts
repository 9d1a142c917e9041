export { audiences, bookingModes, deliveryModes } from '../../../db/schema/index.js'
export type { NewHub, NewProgramme } from '../../../data/staff/catalogue-admin.js'
