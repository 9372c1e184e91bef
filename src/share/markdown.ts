// "Copy as Markdown": the incident as a postmortem-ready section: the
// findings with their evidence lines, a timeline of the marks, and the files.
// Built from a (redacted) share payload, so it carries exactly what a link
// would. Log text is untrusted: evidence goes into fenced code blocks whose
// fence is longer than any backtick run inside, and text in prose or tables is
// escaped, so a log line cannot inject links, HTML or formatting.

import { LEVEL_NAMES } from '../engine/model/levels.ts';
import { toIso } from '../engine/model/time.ts';
import { isUnknownDay, unknownDateLabel } from '../engine/model/time-of-day.ts';
import type { SharedFinding, SharePayload } from './payload.ts';

const MAX_EVIDENCE_LINES = 30;
const MAX_TIMELINE_ROWS = 60;

/** Escape text for Markdown prose or a table cell (no HTML, no links, no emphasis). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-=])/, '$1\\$2')
    .replace(/&/g, '&amp;');
}

/** A fenced code block that its content cannot close. */
export function codeBlock(lines: readonly string[], info = 'text'): string {
  const body = lines.map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')).join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

export function formatTime(ms: number): string {
  // A time of day without a date (engine/model/time-of-day.ts) says so instead of showing the placeholder day.
  if (isUnknownDay(ms)) return `${unknownDateLabel(ms)} ${toIso(ms).slice(11).replace('Z', ' UTC')}`;
  return toIso(ms).replace('T', ' ').replace('Z', ' UTC');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function eventLine(p: SharePayload, i: number): string {
  const e = p.events;
  const file = p.files[e.file[i]]?.name ?? '?';
  const level = LEVEL_NAMES[e.level[i]] ?? 'none';
  const raw = e.raw[i];
  const text = raw !== null && raw.includes('\n') ? raw : e.msg[i];
  const head = `${formatTime(p.t0 + e.t[i])}  ${file}:${e.line[i]}  ${level.toUpperCase().padEnd(5)}  `;
  return head + text.split('\n').join('\n' + ' '.repeat(4));
}

function findingSection(p: SharePayload, f: SharedFinding): string {
  const out: string[] = [];
  out.push(`### ${f.severity.toUpperCase()}: ${escapeMarkdown(f.title)}`);
  out.push('');
  const count = f.count !== undefined ? ` · ${f.count} occurrence${f.count === 1 ? '' : 's'}` : '';
  out.push(`**When:** ${formatTime(f.start)} → ${formatTime(f.end)} (${formatDuration(f.end - f.start)})${count} · confidence ${Math.round(f.confidence * 100)}% · rule \`${f.rule.replace(/`/g, '')}\``);
  out.push('');
  // One paragraph per detail line; the ranked hypotheses ("1. [likely] ...") stay a numbered list.
  let inList = false;
  for (const line of f.detail.split('\n').filter((l) => l.trim())) {
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (!item && inList) out.push('');
    out.push(item ? `${item[1]}. ${escapeMarkdown(item[2])}` : escapeMarkdown(line));
    if (!item) out.push('');
    inList = item !== null;
  }
  if (inList) out.push('');
  if (f.evidence.length > 0) {
    const shown = f.evidence.slice(0, MAX_EVIDENCE_LINES);
    const more = f.evidenceTotal - shown.length;
    out.push(`Evidence (${shown.length}${more > 0 ? ` of ${f.evidenceTotal}` : ''} lines):`, '');
    out.push(codeBlock(shown.map((i) => eventLine(p, i))), '');
  }
  return out.join('\n');
}

export function incidentMarkdown(p: SharePayload): string {
  const out: string[] = [];
  const top = p.findings[0];
  out.push(`## Incident${top ? `: ${escapeMarkdown(top.title)}` : ''}`, '');
  out.push(`**Window:** ${formatTime(p.window.start)} → ${formatTime(p.window.end)} (${formatDuration(p.window.end - p.window.start)})  `);
  out.push(`**Files:** ${p.files.map((f) => `${escapeMarkdown(f.name)} (${f.events.toLocaleString('en')} events)`).join(', ') || 'none'}  `);
  if (p.redaction.replaced > 0) out.push(`**Redacted:** ${p.redaction.replaced} values (${p.redaction.categories.map(escapeMarkdown).join(', ')})  `);
  for (const r of p.reductions) out.push(`_${escapeMarkdown(r)}_  `);
  out.push('');
  out.push('### Findings', '');
  if (p.findings.length === 0) out.push('No incident pattern found in this window.', '');
  for (const f of p.findings) out.push(findingSection(p, f));
  const marks = p.marks.filter((m) => m.kind !== 'gap' || m.end - m.start >= 10_000).sort((a, b) => a.start - b.start);
  if (marks.length > 0) {
    out.push('### Timeline', '');
    out.push('| Time (UTC) | Duration | Source | What |', '|---|---|---|---|');
    for (const m of marks.slice(0, MAX_TIMELINE_ROWS)) {
      const src = [p.files[m.file]?.name ?? '', p.loggers[m.logger] ?? ''].filter(Boolean).join(' / ');
      const dur = m.end > m.start ? formatDuration(m.end - m.start) : '';
      out.push(`| ${formatTime(m.start)} | ${dur} | ${escapeMarkdown(src)} | ${m.kind}: ${escapeMarkdown(m.label)}${m.count > 1 ? ` (${m.count})` : ''} |`);
    }
    if (marks.length > MAX_TIMELINE_ROWS) out.push('', `_…and ${marks.length - MAX_TIMELINE_ROWS} more marks._`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
