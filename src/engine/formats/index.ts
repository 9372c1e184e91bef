// The format registry: every format scores the first lines; the highest wins.
// Adding a format is one import and one entry here (plus its fixtures).
// Ties go to the earlier entry, so more specific formats come first.

import { csvFormat } from './csv.ts';
import { dockerComposeFormat } from './docker-compose.ts';
import { jsonDocumentFormat } from './json-document.ts';
import { jsonLinesFormat } from './json-lines.ts';
import { logfmtFormat } from './logfmt.ts';
import { plainTextFormat } from './plain-text.ts';
import { syslogFormat } from './syslog.ts';
import type { LogFormat } from './types.ts';

export const FORMATS: readonly LogFormat[] = [
  jsonLinesFormat,
  jsonDocumentFormat,
  dockerComposeFormat,
  csvFormat,
  logfmtFormat,
  syslogFormat,
  plainTextFormat,
];

export function formatById(id: string): LogFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}

/**
 * Pick the most confident format; the file name is a hint only, never
 * required. `forced` (a format id the user chose) wins over detection.
 */
export function detectFormat(name: string, firstLines: readonly string[], forced?: string): { format: LogFormat; confidence: number } {
  const chosen = forced ? formatById(forced) : undefined;
  if (chosen) return { format: chosen, confidence: 1 };
  let best: LogFormat = plainTextFormat;
  let score = -1;
  for (const f of FORMATS) {
    let s = 0;
    try {
      s = f.detect(name, firstLines);
    } catch {
      s = 0;
    }
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return { format: best, confidence: score };
}
