// The layer rule fires on the imports that used to creep in (the store
// reaching into the timeline, the timeline into the app or the worker, share
// into the worker, React in the engine) and stays quiet on allowed ones; a
// folder missing from the table is reported rather than let through.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './layers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function problems(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { layers: layersPlugin },
        rules: { 'layers/allowed-imports': 'error' },
      },
    ],
    { filename: path.join(ROOT, file) },
  );
  return messages.map((m) => m.message);
}

describe('the layer allowlist', () => {
  it('refuses the store importing the timeline', () => {
    const out = problems('src/store/derived.ts', "import { buildLanes } from '../timeline/lanes.ts';\n");
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('src/store may not import src/timeline');
  });

  it('refuses the timeline importing the app or the bridge, and allows the store and ui', () => {
    expect(problems('src/timeline/Legend.tsx', "import { formatTime } from '../app/format.ts';\n")).toHaveLength(1);
    expect(problems('src/timeline/TimelineTooltip.tsx', "import { messageCache } from '../bridge/message-cache.ts';\n")).toHaveLength(1);
    expect(problems('src/timeline/Legend.tsx', "import { useStore } from '../store/store.ts';\nimport { formatTime } from '../ui/format.ts';\n")).toEqual([]);
  });

  it('refuses share importing the worker, also through export-from and dynamic import', () => {
    expect(problems('src/share/x.ts', "export { mainThreadTable } from '../worker/table-handoff.ts';\n")).toHaveLength(1);
    expect(problems('src/share/x.ts', "export async function f() { return import('../worker/engine-api.ts'); }\n")).toHaveLength(1);
  });

  it('checks worker URLs', () => {
    expect(problems('src/store/x.ts', "export const u = new URL('../worker/engine-worker.ts', import.meta.url);\n")).toHaveLength(1);
    expect(problems('src/bridge/x.ts', "export const u = new URL('../worker/engine-worker.ts', import.meta.url);\n")).toEqual([]);
  });

  it('keeps the engine free of the page and of packages it must not use', () => {
    expect(problems('src/engine/rules/x.ts', "import { useStore } from '../../store/store.ts';\n")[0]).toContain('src/engine/rules may not import src/store');
    expect(problems('src/engine/model/x.ts', "import { useState } from 'react';\n")[0]).toContain('may not import "react"');
    expect(problems('src/engine/model/x.ts', "import * as Comlink from 'comlink';\n")).toHaveLength(1);
    // Engine folders point down: the model is at the bottom.
    expect(problems('src/engine/model/x.ts', "import type { IngestResult } from '../ingest/ingest.ts';\n")).toHaveLength(1);
    expect(problems('src/engine/ingest/x.ts', "import type { EventTable } from '../model/event-table.ts';\n")).toEqual([]);
  });

  it('refuses packages nobody listed and folders the table does not know', () => {
    expect(problems('src/app/x.ts', "import leftPad from 'left-pad';\n")[0]).toContain('not in the PACKAGES table');
    expect(problems('src/plugins/x.ts', "export const a = 1;\nimport { b } from './b.ts';\n")[0]).toContain('src/plugins has no entry');
    expect(problems('src/app/x.ts', "import { readFileSync } from 'node:fs';\n")).toHaveLength(1);
  });
});
