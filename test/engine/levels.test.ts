// Levels from every dialect land on the same six steps, so a filter on
// "warn and above" means the same thing for every file.
import { describe, expect, it } from 'vitest';
import { LEVEL_NAMES, levelFromBunyan, levelFromHttpStatus, levelFromNumber, levelFromSyslog, levelFromValue, levelFromWord } from '../../src/engine/model/levels.ts';

const name = (code: number) => LEVEL_NAMES[code];

describe('level words', () => {
  it.each([
    ['TRACE', 'trace'], ['trc', 'trace'], ['Verbose', 'trace'], ['VRB', 'trace'], ['FINEST', 'trace'],
    ['debug', 'debug'], ['DBG', 'debug'], ['DEBU', 'debug'], ['fine', 'debug'],
    ['INFO', 'info'], ['Information', 'info'], ['INF', 'info'], ['notice', 'info'], ['NOTICE', 'info'],
    ['WARN', 'warn'], ['warning', 'warn'], ['WRN', 'warn'], ['Warning', 'warn'],
    ['ERROR', 'error'], ['err', 'error'], ['eror', 'error'], ['ERRO', 'error'], ['SEVERE', 'error'],
    ['FATAL', 'fatal'], ['Fatal', 'fatal'], ['crit', 'fatal'], ['CRITICAL', 'fatal'], ['ALERT', 'fatal'],
    ['EMERGENCY', 'fatal'], ['emerg', 'fatal'], ['panic', 'fatal'], ['DPANIC', 'fatal'], ['FTL', 'fatal'],
    // decorated and slog offsets
    ['[warn]', 'warn'], ['<error>', 'error'], ['error:', 'error'], ['INFO+2', 'info'], ['ERROR-4', 'error'],
    // not levels
    ['DEFAULT', 'none'], ['hello', 'none'], ['', 'none'], ['informationally', 'none'],
  ])('%s -> %s', (word, want) => {
    expect(name(levelFromWord(word))).toBe(want);
  });
});

describe('numbers', () => {
  it('reads pino / bunyan levels', () => {
    expect([10, 20, 30, 40, 50, 60].map((n) => name(levelFromBunyan(n)))).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
    expect(name(levelFromNumber(45))).toBe('warn');
  });

  it('reads syslog priorities 0-7', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => name(levelFromSyslog(n)))).toEqual(['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug']);
  });

  it('reads JSON values of any kind', () => {
    expect(name(levelFromValue(30))).toBe('info');
    expect(name(levelFromValue('50'))).toBe('error');
    expect(name(levelFromValue('6'))).toBe('info');
    expect(name(levelFromValue('WRN'))).toBe('warn');
    expect(name(levelFromValue(null))).toBe('none');
    expect(name(levelFromValue(-1))).toBe('none');
  });
});

describe('HTTP status for access logs', () => {
  it.each([[200, 'info'], [304, 'info'], [404, 'warn'], [499, 'warn'], [500, 'error'], [503, 'error'], [0, 'none'], [600, 'none']])('%s -> %s', (status, want) => {
    expect(name(levelFromHttpStatus(status))).toBe(want);
  });
});
