// The ingest fast paths must give exactly what their plain definitions give:
// masking per token with remembered shapes (mask.ts) against the sequence of
// whole-string regex replaces it stands for, and the classifier's literal
// prefilter (required-literals.ts, literal-scan.ts) against trying every
// vocabulary entry in order. Checked on every line of the real logs in
// test/incidents, the test fixtures, and generated look-alikes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyText, compileVocabulary, createClassifier } from '../../src/engine/classify/classifier.ts';
import { requiredLiterals } from '../../src/engine/classify/required-literals.ts';
import { BUILTIN_VOCABULARY, NEGATIVE_SAMPLES, type VocabularyEntry } from '../../src/engine/classify/vocabulary.ts';
import { COLLAPSE, MAX_TEMPLATE_INPUT, maskMessage, QUOTED, REQUEST_LINE, TOKEN_MASKS, WILDCARD } from '../../src/engine/templates/mask.ts';
import { Templater } from '../../src/engine/templates/templater.ts';
import { rng } from './dialects.ts';
import { ingestClassifier } from '../../src/engine/ingest/file-ingest.ts';
import { STACK_WORDS, StackState } from '../../src/engine/ingest/multiline.ts';

/** The plain definition of masking: every mask over the whole string, in order. */
function referenceText(text: string): string {
  let s = text;
  let masked = false;
  for (const re of [QUOTED, ...TOKEN_MASKS.map(([r]) => r)]) {
    const next = s.replace(re, WILDCARD);
    masked ||= next !== s;
    s = next;
  }
  if (masked && s.indexOf(WILDCARD) !== s.lastIndexOf(WILDCARD)) s = s.replace(COLLAPSE, (run) => (/\s$/.test(run) ? '<*> ' : WILDCARD));
  return s.trim();
}

function referenceMask(message: string): string {
  const s = message.length > MAX_TEMPLATE_INPUT ? message.slice(0, MAX_TEMPLATE_INPUT) : message;
  const req = REQUEST_LINE.exec(s);
  if (!req) return referenceText(s);
  return `${referenceText(s.slice(0, req.index))} ${req[1]} ${WILDCARD} status=${req[3]} ${referenceText(s.slice(req.index + req[0].length))}`.replace(/\s+/g, ' ').trim();
}

function realLines(): string[] {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (statSync(p).size < 8 << 20 && !/\.(?:gz|zip)$/.test(name)) lines.push(...readFileSync(p, 'utf8').split('\n'));
    }
  };
  for (const d of [join(import.meta.dirname, '../incidents/cases'), join(import.meta.dirname, '../fixtures')]) if (existsSync(d)) walk(d);
  return lines;
}

const PIECES = ['0x1f', '0X00ff', '10.0.0.1', '10.0.0.1:8443', '[fe80::1]:80', 'fe80::a:b', 'a.example.com', 'shop.example.com:443', '*.example.org', 'api.svc.cluster.local', 'https://x.io/a?b=1',
  '3f2a9c1e-7b4d-4c2e-9a1f-0e5d6c7b8a90', 'blk_-1608999687919862906', 'attempt_1445144423722_0020_m_000002_0', 'status=503', 'status=200', 'rt=0.012', '35ms', '1.5s', '12kib', '-42', '+7', '99%',
  '"quoted value"', "'single'", "can't", '<*>', '<*>:<*>', 'x', 'GET', '/api/v1/users/42', 'HTTP/1.1', '503', '2024-05-01', '14:26:43,395', 'a-b-c-d-e', '0a1b2c3d4e5f', 'v1.2.3', 'ab12cd34',
  'foo.bar', 'IOThunderboltSwitch<0>(0x0)::listenerCallback', 'k=v,', '(TID', '12)', '\t', 'é1', 'ﬁle', '\u00a0', '0x', 'x0', 'port:8080', 'size:67108864'];

/** Messages built from pieces that exercise every mask, with digits shuffled so shapes repeat with other values. */
function generated(n: number): string[] {
  const r = rng(7);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(r() * 8);
    for (let j = 0; j < len; j++) {
      let p = PIECES[Math.floor(r() * PIECES.length)];
      if (r() < 0.5) p = p.replace(/\d/g, () => String(Math.floor(r() * 10)));
      if (r() < 0.2) p += PIECES[Math.floor(r() * PIECES.length)];
      parts.push(p);
    }
    out.push(parts.join(r() < 0.9 ? ' ' : '  '));
  }
  return out;
}

/** Access-log messages: a few texts around the request, methods and statuses, every path new (maskMessage remembers the rest). */
function requests(n: number): string[] {
  const r = rng(9);
  const around = [['handled request:', ''], ['', 'in 35ms'], ['10.0.0.1 - -', '512 "-" "curl/8"'], ['"', 'upstream=a.example.com:443'], ['proxy', '"quoted" 0x1f'], ['', '']];
  const methods = ['GET', 'POST', 'DELETE', 'get'];
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const [before, after] = around[Math.floor(r() * around.length)];
    const path = r() < 0.5 ? `/api/items/${Math.floor(r() * 1e6)}?page=${k}` : `/static/${k.toString(36)}.js`;
    const status = [200, 200, 404, 503, 699][Math.floor(r() * 5)];
    out.push(`${before} ${methods[Math.floor(r() * methods.length)]} ${path}${r() < 0.3 ? ' HTTP/1.1"' : ''} ${status} ${after}`.trim());
  }
  return out;
}

const samples = [...BUILTIN_VOCABULARY.flatMap((e) => [...e.samples, ...(e.fieldSamples ?? []).map(([m, x]) => `${m} ${x}`)]), ...NEGATIVE_SAMPLES.map((n) => n.message)];
const lines = [...realLines(), ...generated(20_000), ...requests(5000), ...samples, ...samples.map((x) => x.replace(/\d/g, '7').toUpperCase())];

describe('masking fast path', () => {
  it('gives the plain definition\'s output on every real and generated line', () => {
    const wrong: { line: string; got: string; want: string }[] = [];
    for (const line of lines) {
      const got = maskMessage(line);
      const want = referenceMask(line);
      if (got !== want && wrong.length < 5) wrong.push({ line, got, want });
    }
    expect(wrong).toEqual([]);
    expect(lines.length).toBeGreaterThan(20_000);
  });

  it('tells shapes that differ in the "0" of "0x" apart', () => {
    expect(maskMessage('read 0x1f from port')).toBe('read <*> from port');
    expect(maskMessage('read 1x1f from port')).toBe(referenceMask('read 1x1f from port'));
    expect(maskMessage('read 0x1f from port')).toBe('read <*> from port');
  });
});

describe('templater shortcuts', () => {
  it('give the ids, patterns and counts of a templater that masks every message, on every real line and on access-log runs', () => {
    // Runs of one text around the request, as access logs come (the last request line's answer is reused within a run).
    const lines = [...realLines(), ...requests(3000).sort()];
    const enc = new TextEncoder();
    const reference = new Templater({ exactMemo: false, shapes: false });
    const want = lines.map((l) => reference.add(l));
    const t = new Templater({ exactMemo: false });
    expect(lines.map((l) => t.add(l))).toEqual(want);
    // As ingest gives a message sliced from a decoded window (ASCII, one byte per character): with its bytes.
    const b = new Templater({ exactMemo: false });
    const ids = lines.map((l) => {
      const x = enc.encode(l);
      return x.length === l.length ? b.add(l, x, 0, x.length) : b.add(l);
    });
    expect(ids).toEqual(want);
    expect(t.patterns).toEqual(reference.patterns);
    expect(b.patterns).toEqual(reference.patterns);
    expect(b.counts).toEqual(reference.counts);
  });
});

describe('classifier prefilter', () => {
  const plain = compileVocabulary(BUILTIN_VOCABULARY);

  it.each([['the literal scanner', 0], ['entry by entry (a short file)', Infinity]])('classifies every real and generated line as trying every entry would: %s', (_how, scanFrom) => {
    const fast = createClassifier([], { scanFrom });
    const r = rng(11);
    const wrong: string[] = [];
    for (const line of lines) {
      // Also as message + fields, split at a random point (the error text often lives in a field).
      const cut = Math.floor(r() * line.length);
      for (const [m, x] of [[line, ''], [line.slice(0, cut), line.slice(cut)]]) {
        const want = classifyText(plain, x ? `${m} ${x}` : m);
        const got = fast(m, x);
        if ((want?.kind ?? 0) !== got.kind || (want?.flags ?? 0) !== got.flags) if (wrong.length < 5) wrong.push(`${m} | ${x}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives a message read from its bytes the answer and the stack-word report of its text', () => {
    const watch = { words: STACK_WORDS, seen: true };
    const c = createClassifier([], { scanFrom: 0, memo: false, watch });
    const wrong: string[] = [];
    let n = 0;
    for (const line of lines) {
      const b = new TextEncoder().encode(` ${line} `);
      if (b.length !== line.length + 2) continue; // one ASCII character per byte only
      const want = c(line, '');
      const seen = watch.seen;
      const got = c.bytes?.(line, b, 1, b.length - 1);
      n++;
      if (got?.kind !== want.kind || got.flags !== want.flags || watch.seen !== seen) if (wrong.length < 5) wrong.push(line);
    }
    expect(wrong).toEqual([]);
    expect(n).toBeGreaterThan(10_000);
  });

  it('answers a short file read twice (head for dates, then whole) as trying every entry would, the second time from what the first found', () => {
    // A user entry gives this classifier a vocabulary of its own, so its direct path starts fresh here.
    const custom: VocabularyEntry[] = [{ kind: 'timeout', pattern: 'took forever', note: 'a user entry', samples: [] }];
    const reference = [...compileVocabulary(custom, true), ...plain];
    const head = createClassifier(custom, { scanFrom: Infinity });
    const whole = createClassifier(custom, { scanFrom: Infinity });
    const sample = [...lines.slice(0, 150), 'the export took forever', 'connection refused by upstream', 'panic: boom'];
    for (const pass of [head, whole, whole]) {
      const got = sample.map((l) => pass(l, ''));
      expect(got.map((g) => [g.kind, g.flags])).toEqual(sample.map((l) => {
        const want = classifyText(reference, l);
        return [want?.kind ?? 0, want?.flags ?? 0];
      }));
    }
    expect(whole('the export took forever', '').kind).not.toBe(0);
  });

  it('still runs user patterns it cannot see a literal in, in their place in the order', () => {
    const custom: VocabularyEntry[] = [
      // (A back-reference was the example once; user patterns now refuse them: linear-time engine.)
      { kind: 'crash', pattern: '[a]{6}', note: 'a repeated class: no literal required', samples: [] },
      { kind: 'signal', pattern: String.raw`\x53IGPWR`, note: 'an escape that spells letters', samples: [] },
      { kind: 'restart', pattern: 'r[eé]démarrage', note: 'non-ASCII', samples: [] },
    ];
    const c = createClassifier(custom);
    expect(c('aaaaaa happened', '').kind).toBe(compileVocabulary(custom)[0].kind);
    expect(c('got SIGPWR', '').kind).toBe(compileVocabulary(custom)[1].kind);
    expect(c('redémarrage du service', '').kind).toBe(compileVocabulary(custom)[2].kind);
    expect(c('nothing to see', '').kind).toBe(0);
  });
});

describe('stack-opening words told by the classifier\'s scan', () => {
  // Messages that open (or nearly open) a stack or a crash report, in every case the searches tell apart.
  const openers = ['panic: runtime error', 'fatal error: all goroutines are asleep', 'java.lang.IllegalStateException: boom', 'TypeError: x is undefined', 'got signal 11 ;', 'GOT SIGNAL 11',
    '*** Aborted at 1700000000', '*** SIGSEGV received', 'A fatal error has been detected by the Java Runtime Environment', '=CRASH REPORT==== 1-May-2024', 'Thread 0 Crashed:', 'thread \'main\' panicked at src/main.rs:2:5:',
    'Traceback (most recent call last):', 'C:\\app\\x.js:12', '/srv/app/index.js:12', 'Unhandled exception. System.Exception: x', 'an error happened', 'an ERROR happened', 'MyException', 'crashed', 'Signal'];

  it('gives every message the stack openings of the plain searches', () => {
    const { classify, stackWords } = ingestClassifier([], false);
    // Past the lines classified entry by entry, so the scan decides.
    for (let k = 0; k < 2100; k++) classify(`warm up ${k}`, '');
    const r = rng(13);
    const wrong: string[] = [];
    let skipped = 0;
    for (const line of [...lines, ...openers, ...openers.map((o) => `x ${o}`)]) {
      const cut = Math.floor(r() * line.length);
      for (const [m, x] of [[line, ''], [line.slice(0, cut), line.slice(cut)]]) {
        classify(m, x);
        if (!stackWords.seen) skipped++;
        if (StackState.opens(m, stackWords.seen) !== StackState.opens(m) && wrong.length < 5) wrong.push(`${m} | ${x}`);
        // A message given as bytes: its first two characters come from them (NaN past its end).
        if (!stackWords.seen && StackState.opensByStart(m, m.length > 0 ? m.charCodeAt(0) : NaN, m.length > 1 ? m.charCodeAt(1) : NaN) !== StackState.opens(m) && wrong.length < 5) wrong.push(`bytes: ${m}`);
      }
    }
    expect(wrong).toEqual([]);
    // The point of it: most messages skip the searches.
    expect(skipped).toBeGreaterThan(lines.length);
    expect(openers.filter((o) => (classify(o, ''), !stackWords.seen)).filter((o) => StackState.opens(o) !== 0)).toEqual(openers.filter((o) => StackState.opens(o) !== 0 && !/ignal|fatal error has|crash|error|exception/i.test(o)));
  });

  it('says "cannot tell" while lines are classified entry by entry, and for remembered answers', () => {
    const watch = { words: STACK_WORDS, seen: false };
    const direct = createClassifier([], { scanFrom: Infinity, watch });
    direct('plain words', '');
    expect(watch.seen).toBe(true);
    const memo = createClassifier([], { scanFrom: 0, watch });
    memo('plain words', '');
    expect(watch.seen).toBe(false);
    memo('plain words', '');
    memo('plain words', ''); // remembered from its second sighting on
    expect(watch.seen).toBe(true);
    memo('an Exception here', '');
    expect(watch.seen).toBe(true);
  });
});

describe('required literals', () => {
  it.each([
    ['renewing', ['renewing']],
    ['certificates?', ['certificate']],
    ['a(?:b|c)d', ['abd', 'acd']],
    [String.raw`\btime-?out\b`, ['time-out', 'timeout']],
    [String.raw`[45]\d\d (?:UT|UF)`, [' ut', ' uf']],
    [String.raw`\x41bc`, ['bc']],
    ['[]abc]', ['abc']],
    [String.raw`(?<n>x)\k<n>yz`, ['yz']],
    ['foo|.*', null],
    [String.raw`(\w)\1+`, null],
    ['(?:ab)?c', ['c']],
    ['a{2}b', ['aab']],
    [String.raw`\u00e9t\u00e9`, ['t']],
    // Short ranges are their characters; a "-" after a range, or at either end, is itself; long ranges could be anything.
    [String.raw`\b50[0-4] x`, ['500 x', '501 x', '502 x', '503 x', '504 x']],
    ['[a-c-]z', ['az', 'bz', 'cz', '-z']],
    ['[a-c-e]z', ['az', 'bz', 'cz', '-z', 'ez']],
    ['[-a]z', ['-z', 'az']],
    ['q[A-B]', ['qa', 'qb']],
    ['q[a-z]', ['q']],
    [String.raw`q[\.-0]`, ['q.', 'q/', 'q0']],
  ])('%s -> %j', (pattern, want) => {
    const got = requiredLiterals(pattern);
    expect(got ? [...got].sort() : null).toEqual(want ? [...want].sort() : null);
  });

  it('every built-in sample contains one of its entry\'s literals', () => {
    for (const e of BUILTIN_VOCABULARY) {
      const lits = requiredLiterals(e.pattern);
      expect(lits, e.note).not.toBeNull();
      for (const s of [...e.samples, ...(e.fieldSamples ?? []).map(([m, x]) => `${m} ${x}`)]) {
        expect(lits?.some((l) => s.toLowerCase().includes(l)), `${e.kind}: ${s}`).toBe(true);
      }
    }
  });
});
