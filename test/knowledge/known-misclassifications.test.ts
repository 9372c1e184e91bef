// Lines that were once badged wrongly on the timeline: a start-up banner shown
// as a RESTART, kubelet's back-off shown as a CRASH, and an instant 503 (no
// upstream was even tried) shown as a TIMEOUT, and so was a connection the peer
// reset; supervisord's and PM2's deaths and starts are read as such.
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/engine/classify/classifier.ts';
import { Flag, KIND_NAMES } from '../../src/engine/model/kinds.ts';

const classify = createClassifier();
const kind = (message: string) => KIND_NAMES[classify(message, '').kind];
// The badge the log list and the tooltip show: a restart-kind line flagged as a start reads "start".
const badge = (message: string) => {
  const c = classify(message, '');
  return KIND_NAMES[c.kind] === 'restart' && (c.flags & Flag.start) !== 0 ? 'start' : KIND_NAMES[c.kind];
};

describe('known misclassifications', () => {
  it('reads "Listening on :443" as a start, not a restart', () => {
    expect(badge('Listening on :443')).toBe('start');
    expect(badge('HTTP server listening on 0.0.0.0:8443')).toBe('start');
    expect(badge('restarting worker 3')).toBe('restart');
  });

  it('reads kubelet back-off as a restart, not a crash', () => {
    expect(badge('Back-off restarting failed container api in pod default/api-7f9')).toBe('restart');
  });

  it('does not call an instant 503 a timeout, but a slow one still is', () => {
    const instant = '192.0.2.44 - - [03/Jun/2024:08:31:02 +0000] "GET /api/cart HTTP/1.1" 503 190 "-" "curl/8.5.0" rt=0.000 upstream=-';
    const slow = '192.0.2.44 - - [03/Jun/2024:08:31:02 +0000] "GET /api/cart HTTP/1.1" 503 190 "-" "curl/8.5.0" rt=30.001 upstream=10.0.0.5:8080';
    expect(kind(instant)).not.toBe('timeout');
    expect(kind(slow)).toBe('timeout');
  });

  it('reads a connection reset by the peer as a reset, not a timeout', () => {
    expect(kind('could not receive data from client: Connection reset by peer')).toBe('plain');
    expect(kind('Error: read ECONNRESET')).toBe('plain');
    expect(kind('dial tcp 10.0.0.1:5432: i/o timeout')).toBe('timeout');
    expect(kind('Error: connect ECONNREFUSED 127.0.0.1:5432')).toBe('timeout');
  });

  it('reads supervisord\'s unexpected exits as deaths and its spawns as starts', () => {
    expect(kind('exited: celery (exit status 1; not expected)')).toBe('crash');
    expect(kind('exited: migrate (exit status 0; expected)')).toBe('plain');
    expect(badge("spawned: 'celery' with pid 327")).toBe('start');
  });
});
