// Checks a parsed JSON body against a model's field types (webchat-v2.md §5): every known field, optional ones
// included, must have its type; unknown fields are dropped; `null` means absent. Required-field rules stay in the routes.

import { limits } from '../src/protocol/paths';
import { EmulatorError, fail } from './errors';

export type FieldType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'stringMap'
  | { enum: readonly string[]; caseInsensitive?: boolean }
  | { array: FieldType }
  | { object: Shape };

export type Shape = { readonly [field: string]: FieldType };

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Returns a copy of `value` holding only the fields `shape` names, each checked and normalised.
 * Throws 400 `bad.request` when the body is not an object, 400 `invalid.value` naming the field otherwise.
 */
export function checkBody(value: unknown, shape: Shape): Obj {
  if (!isObject(value)) throw fail.badRequest();
  return checkObject(value, shape, '');
}

function checkObject(value: Obj, shape: Shape, prefix: string): Obj {
  const out: Obj = {};
  for (const [key, type] of Object.entries(shape)) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = value[key];
    if (v === null || v === undefined) continue;
    out[key] = checkValue(v, type, prefix ? `${prefix}.${key}` : key);
  }
  return out;
}

function checkValue(v: unknown, type: FieldType, field: string): unknown {
  if (type === 'string') {
    if (typeof v === 'string') return v;
    // Jackson, behind the real service, reads a number or boolean into a String as its text.
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw fail.invalidValue(field, v, 'a string');
  }
  if (type === 'integer') {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
    throw fail.invalidValue(field, v, 'an integer');
  }
  if (type === 'boolean') {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw fail.invalidValue(field, v, 'true, false');
  }
  if (type === 'stringMap') {
    if (!isObject(v)) throw fail.invalidValue(field, v, 'an object of strings');
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === null || val === undefined) continue;
      if (typeof val !== 'string') throw fail.invalidValue(`${field}.${k}`, val, 'a string');
      out[k] = val;
    }
    return out;
  }
  if ('enum' in type) {
    const allowed = type.enum;
    const found =
      typeof v === 'string' ? allowed.find((a) => (type.caseInsensitive ? a.toLowerCase() === v.toLowerCase() : a === v)) : undefined;
    if (found === undefined) throw fail.invalidValue(field, v, allowed.join(', '));
    return type.caseInsensitive ? v : found;
  }
  if ('array' in type) {
    if (!Array.isArray(v)) throw fail.invalidValue(field, v, 'an array');
    return v.map((item, i) => {
      if (item === null || item === undefined) throw fail.invalidValue(`${field}[${i}]`, item, 'a value');
      return checkValue(item, type.array, `${field}[${i}]`);
    });
  }
  if (!isObject(v)) throw fail.invalidValue(field, v, 'an object');
  return checkObject(v, type.object, field);
}

/**
 * A message body may hold at most 4000 UTF-16 code units (confirmed); longer answers 400 `constraint.validation`
 * (the code is inferred). Guests and the control API's agent alike.
 */
export function checkMessageLength(text: string): void {
  if (text.length > limits.messageBodyMaxLength) {
    throw new EmulatorError(400, 'constraint.validation', { params: [`body length must be at most ${limits.messageBodyMaxLength} characters`], field: 'body' });
  }
}
