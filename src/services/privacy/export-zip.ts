import { strToU8, zipSync, type Zippable } from 'fflate'
import { stringify } from 'csv-stringify/sync'
import type { ExportSection } from '../../domain/data-protection.js'
import { defuseFormula } from '../staff/register-service.js'

/**
 * A subject access export as one zip: family.json with every section, and one CSV per table for a
 * spreadsheet (cells that would run as a formula defused, as in the register CSV).
 */
export function exportZip(familyId: number, sections: ExportSection[], exportedAt: Date): Uint8Array {
  const json = {
    familyId,
    exportedAt: exportedAt.toISOString(),
    tables: Object.fromEntries(sections.map((section) => [section.table, section.rows])),
  }
  const files: Zippable = { 'family.json': strToU8(JSON.stringify(json, null, 2)) }
  for (const section of sections) files[`${section.table}.csv`] = strToU8(sectionCsv(section))
  return zipSync(files, { mtime: exportedAt })
}

function sectionCsv(section: ExportSection): string {
  const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))]
  if (columns.length === 0) return ''
  const rows = [columns, ...section.rows.map((row) => columns.map((column) => defuseFormula(cell(row[column]))))]
  return stringify(rows, { bom: true, record_delimiter: 'windows' })
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value as string | number | boolean)
}
