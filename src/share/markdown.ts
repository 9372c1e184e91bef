// "Copy as Markdown": the incident as a postmortem-ready section: the
// findings with their evidence lines, a timeline of the marks, the files and
// a link back. Built from a (redacted) share payload, so it carries exactly
// what a link would. It must read cleanly where people paste it, GitHub and
// Slack, and Slack shows backslash escapes literally: so nothing is escaped.
// Prose is ours; any word that carries a character Markdown or Slack would
// act on (emphasis, links, HTML, mentions, URLs) goes into a code span, and
// evidence goes into fenced blocks whose fence no backtick run inside can
// close. A log line cannot inject links, HTML, mentions or formatting.

import { LEVEL_NAMES } from '../engine/model/levels.ts';
import { toIso } from '../engine/model/time.ts';
import { isUnknownDay, unknownDateLabel } from '../engine/model/time-of-day.ts';
import type { SharedFinding, SharePayload } from './payload.ts';
import { CHAT_LIMIT } from './limits.ts';
import { provenanceParts } from './provenance-text.ts';

const MAX_EVIDENCE_LINES = 30;
const MAX_TIMELINE_ROWS = 60;

/** Characters that make a word active in Markdown or Slack: emphasis, code, links, HTML, entities, mentions, tables, headings. */
const ACTIVE = /[*_~`[\]<>|\\#&@]|:\/\/|^www\.|^[-+=]+$|^\d+[.)]$/;

/** A code span its content cannot close (CommonMark: a longer fence, padded when the content touches a backtick). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a heading, paragraph or list item: control characters dropped, one
 * line, and every word Markdown or Slack would act on shown as code instead of
 * escaped, so it reads the same in both and nothing in it is live.
 */
export function inlineText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\r?\n/g, ' ')
    .split(/( +)/)
    .map((word) => (word.trim() && ACTIVE.test(word) ? codeSpan(word) : word))
    .join('');
}

/** One line without control characters (a code span cannot hold a line break). */
function flat(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
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

/** A file none of whose lines carried a time (a pasted stack trace): its times are only where the timeline put its lines. */
function untimedFile(p: SharePayload, file: number): boolean {
  const f = p.files[file];
  return f !== undefined && f.firstTime === null;
}

/** Every one of these events comes from a file with no times: showing their placement as a time would invent one. */
function allUntimed(p: SharePayload, events: readonly number[]): boolean {
  return events.length > 0 && events.every((i) => untimedFile(p, p.events.file[i]));
}

const UNTIMED = 'untimed';

function eventLine(p: SharePayload, i: number): string {
  const e = p.events;
  const file = p.files[e.file[i]]?.name ?? '?';
  const level = LEVEL_NAMES[e.level[i]] ?? 'none';
  const raw = e.raw[i];
  const text = raw !== null && raw.includes('\n') ? raw : e.msg[i];
  const head = `${untimedFile(p, e.file[i]) ? UNTIMED : formatTime(p.t0 + e.t[i])}  ${file}:${e.line[i]}  ${level.toUpperCase().padEnd(5)}  `;
  return head + text.split('\n').join('\n' + ' '.repeat(4));
}

function findingSection(p: SharePayload, f: SharedFinding): string {
  const out: string[] = [];
  out.push(`### ${f.severity.toUpperCase()}: ${inlineText(f.title)}`);
  out.push('');
  const count = f.count !== undefined ? ` · ${f.count} occurrence${f.count === 1 ? '' : 's'}` : '';
  const when = allUntimed(p, f.evidence) ? `${UNTIMED} (its lines carry no time; see their line numbers)` : `${formatTime(f.start)} → ${formatTime(f.end)} (${formatDuration(f.end - f.start)})`;
  out.push(`When: ${when}${count} · confidence ${Math.round(f.confidence * 100)}% · rule ${codeSpan(f.rule)}`);
  out.push('');
  // One paragraph per detail line; the ranked hypotheses ("1. [likely] ...") stay a numbered list.
  let inList = false;
  for (const line of f.detail.split('\n').filter((l) => l.trim())) {
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (!item && inList) out.push('');
    // The engine writes a hypothesis's standing first, in brackets: shown as a plain label.
    const standing = item ? /^\[([^\]]+)\] (.*)$/.exec(item[2]) : null;
    out.push(item ? `${item[1]}. ${standing ? `${inlineText(standing[1])}: ${inlineText(standing[2])}` : inlineText(item[2])}` : inlineText(line));
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

/** The incident as Markdown; `link` (the share link, when one was made and fits a chat message) is offered back at the top. */
export function incidentMarkdown(p: SharePayload, link?: string): string {
  const out: string[] = [];
  const top = p.findings[0];
  out.push(`## Incident${top ? `: ${inlineText(top.title)}` : ''}`, '');
  if (link && /^https?:\/\/[^\s()<>]+$/.test(link) && link.length <= CHAT_LIMIT) out.push(`[Open this incident in Timberline](${link})`, '');
  const timeless = p.files.length > 0 && p.files.every((f) => f.firstTime === null);
  out.push(`Window: ${timeless ? `${UNTIMED} (no line carries a time)` : `${formatTime(p.window.start)} → ${formatTime(p.window.end)} (${formatDuration(p.window.end - p.window.start)})`}  `);
  // Where a pulled window came from; every value from the query is code, so a hostile condition cannot format or link.
  if (p.provenance) out.push(`Source: pulled from ClickHouse ${provenanceParts(p.provenance).map((x) => `${x.label} ${codeSpan(flat(x.value))}`).join(', ')}  `);
  out.push(`Files: ${p.files.map((f) => `${inlineText(f.name)} (${f.events.toLocaleString('en')} events)`).join(', ') || 'none'}  `);
  if (p.redaction.replaced > 0) out.push(`Redacted: ${p.redaction.replaced} values (${p.redaction.categories.map(inlineText).join(', ')})  `);
  for (const r of p.reductions) out.push(`${inlineText(r)}  `);
  out.push('');
  out.push('### Findings', '');
  if (p.findings.length === 0) out.push('No incident pattern found in this window.', '');
  for (const f of p.findings) out.push(findingSection(p, f));
  const marks = p.marks.filter((m) => m.kind !== 'gap' || m.end - m.start >= 10_000).sort((a, b) => a.start - b.start);
  if (marks.length > 0) {
    // A list, not a table: Slack has no tables, and a table cell cannot hold a pipe even inside code.
    out.push('### Timeline', '');
    for (const m of marks.slice(0, MAX_TIMELINE_ROWS)) {
      const src = [p.files[m.file]?.name ?? '', p.loggers[m.logger] ?? ''].filter(Boolean).join(' / ');
      const dur = m.end > m.start ? ` for ${formatDuration(m.end - m.start)}` : '';
      out.push(`- ${untimedFile(p, m.file) ? UNTIMED : `${formatTime(m.start)}${dur}`} · ${inlineText(src)} · ${m.kind}: ${inlineText(m.label)}${m.count > 1 ? ` (${m.count})` : ''}`);
    }
    if (marks.length > MAX_TIMELINE_ROWS) out.push('', `…and ${marks.length - MAX_TIMELINE_ROWS} more marks.`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
