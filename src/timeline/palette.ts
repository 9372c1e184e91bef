// Canvas colours come from the same CSS custom properties as the DOM, so the
// light and dark themes are defined once (in the stylesheet). Read them again
// whenever the theme changes.

import { Level } from '../engine/model/levels.ts';

export interface Palette {
  bg: string;
  laneAlt: string;
  markLaneBg: string;
  grid: string;
  separator: string;
  text: string;
  muted: string;
  levels: string[];
  dim: string;
  signal: string;
  op: string;
  opFailed: string;
  timeout: string;
  error: string;
  restart: string;
  crash: string;
  gap: string;
  accent: string;
  band: string;
  selection: string;
  evidence: string;
  /** The selected event's request flow (rings and the line joining them). */
  flow: string;
  font: string;
}

const LEVEL_VARS = ['--lvl-none', '--lvl-trace', '--lvl-debug', '--lvl-info', '--lvl-warn', '--lvl-error', '--lvl-fatal'];

export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--tl-bg', '#fff'),
    laneAlt: v('--tl-lane-alt', '#f6f7f9'),
    markLaneBg: v('--tl-mark-bg', '#f1f3f6'),
    grid: v('--tl-grid', 'rgba(0,0,0,.06)'),
    separator: v('--border', '#dde'),
    text: v('--text', '#111'),
    muted: v('--muted', '#667'),
    levels: LEVEL_VARS.map((name, i) => v(name, i >= Level.error ? '#d22' : '#59f')),
    dim: v('--tl-dim', 'rgba(120,120,130,.35)'),
    signal: v('--mark-signal', '#7c3aed'),
    op: v('--mark-op', '#2563eb'),
    opFailed: v('--mark-op-failed', '#dc2626'),
    timeout: v('--mark-timeout', '#ea580c'),
    error: v('--mark-error', '#dc2626'),
    restart: v('--mark-restart', '#0d9488'),
    crash: v('--mark-crash', '#be123c'),
    gap: v('--mark-gap', 'rgba(120,120,130,.18)'),
    accent: v('--accent', '#2563eb'),
    band: v('--tl-band', 'rgba(37,99,235,.08)'),
    selection: v('--tl-selection', '#111'),
    evidence: v('--tl-evidence', '#f59e0b'),
    flow: v('--tl-flow', '#0e7490'),
    font: v('--font-ui', 'system-ui, sans-serif'),
  };
}
