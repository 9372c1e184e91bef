// A small JSON reader that remembers on which line each value starts, so a
// rule file's errors can be shown against the line that caused them ("line
// 12: detector.within: not a duration"). JSON.parse gives only a character
// offset for syntax errors and nothing for a valid file with a wrong field.

export interface Located {
  value: unknown;
  /** Path ("detector.within", "cases.0.lines") -> 1-based line. */
  lines: Map<string, number>;
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

export function parseLocated(text: string): Located {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(what, line);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  const str = (): string => {
    const from = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      if (text[i] === '\n') fail('line break inside a string');
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(from, i)) as string;
    } catch {
      return fail('bad escape in a string');
    }
  };
  const value = (path: string): unknown => {
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "key"');
        const key = str();
        ws();
        if (text[i] !== ':') fail(`expected ":" after "${key}"`);
        i++;
        out[key] = value(path ? `${path}.${key}` : key);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return out;
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(path ? `${path}.${out.length}` : String(out.length)));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };
  const v = value('');
  ws();
  if (i < text.length) fail('unexpected text after the end');
  return { value: v, lines };
}

/** The line of a path, or of its nearest parent that has one. */
export function lineOf(lines: Map<string, number>, path: string): number {
  for (let p = path; ; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const l = lines.get(p);
    if (l !== undefined) return l;
    if (p === '') return 1;
  }
}
