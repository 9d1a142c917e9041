import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { fromRoot } from '../../src/project-root.js'

/*
 * The vendored Open Referral UK 3.0 schemas (vendor/oruk-schemas/3.0) in ajv, and a validator for
 * each endpoint's 200 response taken from the standard's own openapi.json. The openapi file refers
 * to the schemas by their GitHub addresses, so each vendored file is registered under that address
 * (relative $refs such as "attribute.json" then resolve beside it). Nothing is fetched.
 */
const VENDOR = fromRoot('vendor', 'oruk-schemas', '3.0')
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/'
const OPENAPI_ID = 'https://openreferraluk.org/specifications/3.0/openapi.json'

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

// ajv-formats is CommonJS with a default export; under ESM the function is on .default.
type AddFormats = (ajv: Ajv) => Ajv
const formatsModule = addFormatsModule as unknown as AddFormats & { default?: AddFormats }
const addFormats: AddFormats = formatsModule.default ?? formatsModule

function buildAjv(): { ajv: Ajv; openapi: OpenApi } {
  // strict: false because the files carry Frictionless Data keywords (name, constraints, example...).
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  const schemata = join(VENDOR, 'schemata')
  for (const file of readdirSync(schemata).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema({ ...readJson(join(schemata, file)), $id: `${SCHEMA_BASE}${file}` })
  }
  for (const file of ['service_list.json', 'service_at_location_list.json']) {
    ajv.addSchema({ ...readJson(join(VENDOR, 'compiled', file)), $id: `${SCHEMA_BASE}compiled/${file}` })
  }
  // The fully nested service: openapi.json names the compiled file; schemata/service.json is the same
  // schema with its parts by reference, so it stands in for it.
  ajv.addSchema({ $id: `${SCHEMA_BASE}compiled/service.json`, $ref: `${SCHEMA_BASE}service.json` })
  const openapi = readJson(join(VENDOR, 'openapi.json')) as unknown as OpenApi
  ajv.addSchema({ $id: OPENAPI_ID, definitions: { Page: openapi.components.schemas.Page } })
  return { ajv, openapi }
}

interface OpenApi {
  paths: Record<string, { get: { responses: { '200': { content: { 'application/json': { schema: unknown } } } } } }>
  components: { schemas: { Page: unknown } }
}

/** The openapi.json response schema with its "#/components/schemas/Page" pointing at the registered copy. */
function responseSchema(openapi: OpenApi, path: string): Record<string, unknown> {
  const schema = openapi.paths[path]?.get.responses['200'].content['application/json'].schema
  if (!schema) throw new Error(`openapi.json has no 200 response for GET ${path}`)
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/Page"', `"${OPENAPI_ID}#/definitions/Page"`)) as Record<
    string,
    unknown
  >
}

export type OrukEndpoint =
  | '/'
  | '/services'
  | '/services/{id}'
  | '/service_at_locations'
  | '/service_at_locations/{id}'
  | '/taxonomies'
  | '/taxonomies/{id}'
  | '/taxonomy_terms'
  | '/taxonomy_terms/{id}'

let built: { ajv: Ajv; openapi: OpenApi } | undefined
const validators = new Map<OrukEndpoint, ValidateFunction>()

/** The standard's validator for a 200 response of `endpoint` (as openapi.json names the path). */
export function orukValidator(endpoint: OrukEndpoint): ValidateFunction {
  built ??= buildAjv()
  let validate = validators.get(endpoint)
  if (!validate) {
    validate = built.ajv.compile(responseSchema(built.openapi, endpoint))
    validators.set(endpoint, validate)
  }
  return validate
}

/** A readable list of what failed, for the assertion message. */
export function problems(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(top)'} ${error.message ?? ''}`).join('; ')
}
