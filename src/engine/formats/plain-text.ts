// Plain text logs with a leading timestamp in any common shape (see
// text-line.ts). Lines without a time become continuations or untimed events
// in the generic driver, so the parser itself only says "text".

import { parseTextLine } from './text-line.ts';
import { LineType, newRecordOut, type LogFormat } from './types.ts';
import { newTimeOut } from '../model/time.ts';

export const plainTextFormat: LogFormat = {
  id: 'text',
  label: 'Plain text',
  detect(_name, lines) {
    const env = { year: 2000, time: newTimeOut() };
    const out = newRecordOut();
    let timed = 0;
    let nonBlank = 0;
    for (const l of lines) {
      if (!l.trim()) continue;
      nonBlank++;
      if (parseTextLine(l, out, env)) timed++;
    }
    // Always a candidate (it is the fallback); more confident with timestamps.
    return nonBlank === 0 ? 0.05 : 0.1 + 0.4 * (timed / nonBlank);
  },
  createParser() {
    return {
      parseLine(line, out) {
        if (line.trim().length === 0) return LineType.blank;
        out.text = line;
        return LineType.text;
      },
    };
  },
};
