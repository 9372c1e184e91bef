// A small JSON Schema validator for the subset the knowledge schemas use
// (type, enum, const, required, properties, additionalProperties: false,
// items, minItems, minLength, maxLength, pattern, minimum, oneOf, anyOf, $ref
// into $defs). The schemas are published (schema/*.schema.json) so editors
// can check a file as it is written; this checks the same files at load time,
// in the worker, the CLI and tests alike, without a dependency, and reports
// each problem with the file and the JSON path that caused it. A keyword
// outside the subset is an error, so a schema never silently checks less
// than it says.

export interface SchemaProblem {
  file: string;
  /** JSON path into the file, e.g. `$.hypotheses[1].supports[0].pattern`. */
  path: string;
  message: string;
}

export type JsonSchema = { readonly [key: string]: unknown };

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', 'type', 'enum', 'const', 'required', 'properties', 'additionalProperties',
  'items', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'oneOf', 'anyOf', '$ref', '$defs', 'default',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  return want === got || (want === 'number' && got === 'integer');
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function key(path: string, k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

/** Every problem of `value` against `schema` (empty when it is valid). */
export function validate(value: unknown, schema: JsonSchema, file: string): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const root = schema;
  const resolve = (ref: string): JsonSchema => {
    const m = /^#\/\$defs\/([\w-]+)$/.exec(ref);
    const defs = root.$defs;
    const target = m && isSchema(defs) ? defs[m[1]] : undefined;
    if (!isSchema(target)) throw new Error(`schema: unresolvable $ref ${ref}`);
    return target;
  };
  const check = (v: unknown, s: JsonSchema, path: string, sink: SchemaProblem[]): void => {
    const problem = (message: string): void => {
      sink.push({ file, path, message });
    };
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`schema: keyword ${k} is outside the supported subset`);
    if (typeof s.$ref === 'string') return check(v, resolve(s.$ref), path, sink);
    if (typeof s.type === 'string' && !typeMatches(s.type, v)) return problem(`must be ${s.type === 'array' || s.type === 'object' || s.type === 'integer' ? 'an' : 'a'} ${s.type}, found ${typeOf(v)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v)) return problem(`must be one of ${s.enum.map((x) => JSON.stringify(x)).join(', ')}, found ${JSON.stringify(v)}`);
    if ('const' in s && s.const !== v) return problem(`must be ${JSON.stringify(s.const)}`);
    for (const [kw, exactlyOne] of [['oneOf', true], ['anyOf', false]] as const) {
      const alts = Array.isArray(s[kw]) ? (s[kw] as unknown[]).filter(isSchema) : null;
      if (!alts) continue;
      const fits = alts.filter((a) => { const tmp: SchemaProblem[] = []; check(v, a, path, tmp); return tmp.length === 0; }).length;
      if (exactlyOne ? fits === 1 : fits > 0) continue;
      // Report against the alternative whose type fits, so the message names the real mistake.
      const typed = alts.find((a) => typeof a.type === 'string' && typeMatches(a.type, v));
      const before = sink.length;
      if (typed && fits === 0) check(v, typed, path, sink);
      if (sink.length === before) problem(fits === 0 ? `must be ${alts.map((a) => String(a.type ?? 'another form')).join(' or ')}, found ${typeOf(v)}` : 'matches more than one allowed form');
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && v.length < s.minLength) problem(s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters`);
      if (typeof s.maxLength === 'number' && v.length > s.maxLength) problem(`must be at most ${s.maxLength} characters`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) problem(`must match ${s.pattern}`);
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) problem(`must be at least ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) problem(`must be at most ${s.maximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) problem(`must have at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) problem(`must have at most ${s.maxItems} items`);
      if (isSchema(s.items)) { const items = s.items; v.forEach((x, i) => check(x, items, `${path}[${i}]`, sink)); }
    }
    if (isSchema(v) && typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string' && !Object.hasOwn(obj, r)) problem(`is missing required property "${r}"`);
      const props = isSchema(s.properties) ? s.properties : {};
      for (const [k, x] of Object.entries(obj)) {
        const ps = props[k];
        if (isSchema(ps)) check(x, ps, key(path, k), sink);
        else if (s.additionalProperties === false) sink.push({ file, path: key(path, k), message: 'is not a known property' });
      }
    }
  };
  check(value, schema, '$', out);
  return out;
}

export function formatProblem(p: SchemaProblem): string {
  return `${p.file}: ${p.path} ${p.message}`;
}
