// Log text is attacker-controlled, and a terminal obeys control characters:
// an escape sequence inside a log line can clear the screen, retitle the
// window, plant OSC 8 hyperlinks or rewrite earlier output with CR. Human
// output therefore shows every control character as a visible escape
// (ESC as \e, so "\e[2J" reads as what it is); --json output stays exact,
// since JSON.stringify already escapes C0 controls.

/** C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what is shown. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\u001b': '\\e', '\r': '\\r', '\u0000': '\\0', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\u000b': '\\v' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `text` with every control character a terminal would act on written as a visible escape; tabs and newlines stay. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}
