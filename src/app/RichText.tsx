// Finding text with its inline marks rendered: `code` the rules write (commands,
// settings) as code, and the templater's <*> placeholders as a chip that says
// "a value that varies", instead of raw backticks and angle brackets. Built
// from text nodes only: log text stays text, never HTML.

import { Fragment } from 'react';

const MARKS = /`([^`\n]+)`|<\*>/g;

export function RichText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKS)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(m[1] !== undefined
      ? <code key={at} className="rt-code">{m[1]}</code>
      : <span key={at} className="rt-ph" title="a value that varies between lines" aria-label="a value that varies">*</span>);
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <Fragment>{parts}</Fragment>;
}
