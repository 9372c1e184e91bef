// Formats are detected from content, never from the file name: the same
// lines give the same format whatever the name says, and a name that lies
// changes nothing.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/engine/formats/index.ts';
import { textProfile } from '../../src/engine/formats/plain-text.ts';

const CASES: [string, string[]][] = [
  ['json-lines', ['{"time":"2024-05-01T10:00:00Z","level":"info","msg":"a"}', '{"time":"2024-05-01T10:00:01Z","level":"info","msg":"b"}']],
  // Mixed: a Go trace between JSON records is still JSON lines.
  ['json-lines', [
    '{"time":"2024-05-01T10:00:00Z","level":"INFO","msg":"serving"}',
    'fatal error: concurrent map writes', '', 'goroutine 12 [running]:', 'main.(*cache).put(0xc000010000)', '\t/app/cache.go:42 +0x65',
    'main.main()', '\t/app/main.go:20 +0x8d', 'created by main.main in goroutine 1', '\t/app/main.go:19 +0x1d',
    '{"time":"2024-05-01T10:00:05Z","level":"INFO","msg":"starting"}',
  ]],
  ['json-lines', ['{"log":"hello\\n","stream":"stdout","time":"2024-05-01T10:00:00.1Z"}']],
  ['json-lines', ['{"messageType":"DATA_MESSAGE","logGroup":"/g","logEvents":[{"id":"1","timestamp":1714557600000,"message":"x"}]}']],
  ['json-document', ['[', '  {', '    "time": "2024-05-01T10:00:00Z",', '    "msg": "a"', '  }', ']']],
  ['json-document', ['{', '  "events": [', '    {"timestamp": 1714557600000, "message": "x", "ingestionTime": 1}', '  ]', '}']],
  ['json-document', ['[{"time":"2024-05-01T10:00:00Z","msg":"a"},{"time":"2024-05-01T10:00:01Z","msg":"b"}]']],
  ['logfmt', ['time=2024-05-01T10:00:00Z level=info msg="a b"', 'time=2024-05-01T10:00:01Z level=warn msg=c']],
  ['csv', ['time,level,message', '2024-05-01T10:00:00Z,INFO,a', '2024-05-01T10:00:01Z,WARN,"b, c"']],
  ['csv', ['2024-05-01 10:00:00.1234,INFO,App.Service,started,', '2024-05-01 10:00:01.0000,ERROR,App.Service,failed,System.Exception: x']],
  ['docker-compose', ['web-1  | 2024-05-01T10:00:00.000000000Z started', 'db-1   | ready', 'web-1  | {"level":"info","msg":"x"}']],
  ['syslog', ['May  1 10:00:00 host sshd[1]: Accepted publickey', 'May  1 10:00:01 host CRON[2]: (root) CMD (true)']],
  ['text', ['2024-05-01 10:00:00,123 INFO [main] com.x.App: started', '2024-05-01 10:00:01,000 ERROR [main] com.x.App: failed', '\tat com.x.App.run(App.java:1)']],
  ['text', ['I0501 10:00:00.000000 1 a.go:1] x', 'E0501 10:00:01.000000 1 a.go:2] y']],
  ['text', ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5']],
  // A text log with a few JSON lines stays text.
  ['text', ['2024-05-01T10:00:00Z INFO a', '2024-05-01T10:00:01Z INFO b', '2024-05-01T10:00:02Z INFO c', '{"k":1}']],
  // JSON fields at the end of a text line do not make it JSON lines; a JSON record right after a time does.
  ['text', ['2021-02-05T12:41:48.053-0700    DEBUG   zapper/zapper.go:18     some message 1   {"rand_index": 1}', '2021-02-05T12:41:49.059-0700    ERROR   zapper/zapper.go:18     some message 2   {"rand_index": 3}']],
  ['json-lines', ['2024-05-01T10:00:00.1Z {"level":"info","msg":"a"}', '2024-05-01T10:00:01.2Z {"level":"warn","msg":"b"}', '2024-05-01T10:00:02Z plain']],
  // Pipes inside a text dialect are not compose prefixes, nor CSV.
  ['text', ['20240501-10:00:00:1|Step|1|x', '20240501-10:00:01:2|Step|1|y']],
  ['text', ['INFO | 2024-05-01 10:00:00 | started', 'WARN | 2024-05-01 10:00:01 | slow']],
];

describe('detection', () => {
  for (const [want, lines] of CASES) {
    it(`${want}: ${lines[0].slice(0, 50)}`, () => {
      expect(detectFormat('unknown', lines).format.id).toBe(want);
    });
  }

  it('ignores the file name', () => {
    for (const [, lines] of CASES) {
      const base = detectFormat('unknown', lines).format.id;
      for (const name of ['x.json', 'x.csv', 'x.log', 'syslog', 'docker-compose.yml', 'x.jsonl.gz', '']) {
        expect(detectFormat(name, lines).format.id, `${name}: ${lines[0]}`).toBe(base);
      }
    }
  });

  it('falls back to plain text for nothing recognisable, and for empty input', () => {
    expect(detectFormat('a.json', ['hello', 'world']).format.id).toBe('text');
    expect(detectFormat('a.json', []).format.id).toBe('text');
  });
});

describe('the text profile detection reads twice', () => {
  it('is read once per lines array, and again when the array changed', () => {
    const lines = ['May  1 10:00:00 host sshd[1]: Accepted publickey', 'May  1 10:00:01 host CRON[2]: (root) CMD (true)'];
    const first = textProfile(lines);
    expect(textProfile(lines)).toBe(first);
    expect(first.timed).toBe(2);
    lines.push('2024-05-01 10:00:00,123 INFO [main] com.x.App: started', 'not a log line');
    const grown = textProfile(lines);
    expect(grown).not.toBe(first);
    expect({ ...grown, patterns: [...grown.patterns] }).toEqual({ ...textProfile([...lines]), patterns: [...textProfile([...lines]).patterns] });
    expect(grown.nonBlank).toBe(4);
    lines[3] = '2024-05-01 10:00:02,000 WARN [main] com.x.App: slow';
    expect(textProfile(lines).timed).toBe(grown.timed + 1);
    // The same answer as before the memo, for the formats that read it.
    expect(detectFormat('x.log', lines).format.id).toBe(detectFormat('x.log', [...lines]).format.id);
  });
});
