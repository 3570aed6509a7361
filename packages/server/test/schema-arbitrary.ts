import fc from 'fast-check'
import { hostileJson, hostileString } from './hostile-input.ts'

/** The part of JSON Schema that TypeBox emits for the routes' schemas. */
export interface JsonSchema {
  type?: string | string[]
  const?: unknown
  enum?: unknown[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  pattern?: string
  format?: string
  default?: unknown
}

/** How far a generated value strays from its schema. */
export interface Hostility {
  /** Weight of a hostile value (wrong type, injection string) at each leaf against 4 for a valid one. */
  leaf: number
}

const VALID: Hostility = { leaf: 0 }

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid()
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10))
    case 'email':
      return fc.emailAddress()
    case 'uri':
      return fc.webUrl()
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern))
  const minLength = s.minLength ?? 0
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 200))
  return fc.string({ unit: 'grapheme', minLength, maxLength })
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000)
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) })
    : fc.double({ min, max: Math.max(min, max), noNaN: true })
}

function byType(type: string, s: JsonSchema, h: Hostility, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringOf(s)
    case 'integer':
      return numberOf(s, true)
    case 'number':
      return numberOf(s, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(s.items ? arbitraryOf(s.items, h, depth + 1) : hostileJson, {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
      })
    case 'object': {
      if (!s.properties) return fc.dictionary(fc.string({ maxLength: 10 }), hostileJson, { maxKeys: 3 })
      const props: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, v] of Object.entries(s.properties)) props[k] = arbitraryOf(v, h, depth + 1)
      // With hostility, required keys go missing too.
      return fc.record(props, { requiredKeys: h.leaf > 0 ? [] : (s.required ?? []) })
    }
  }
  return hostileJson
}

/**
 * Values for a JSON Schema: valid ones with `leaf: 0`, and with `leaf > 0` values where any
 * field may instead be an injection string or a value of the wrong type.
 */
export function arbitraryOf(schema: JsonSchema, h: Hostility = VALID, depth = 0): fc.Arbitrary<unknown> {
  const valid = validOf(schema, h, depth)
  if (h.leaf === 0) return valid
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: h.leaf, arbitrary: fc.oneof(hostileString(), hostileJson) },
  )
}

function validOf(s: JsonSchema, h: Hostility, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const union = s.anyOf ?? s.oneOf
  if (union?.length) return fc.oneof(...union.map((u) => arbitraryOf(u, h, depth)))
  if (s.allOf?.length) return arbitraryOf(s.allOf[0] as JsonSchema, h, depth)
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t) => byType(t, s, h, depth)))
  if (s.type) return byType(s.type, s, h, depth)
  if (s.properties) return byType('object', s, h, depth)
  return hostileJson
}
