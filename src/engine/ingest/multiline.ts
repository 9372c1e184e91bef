// Which untimed text lines continue the event before them (stack traces,
// tracebacks, wrapped messages) rather than start a new one. Go and Python
// frames do not start with whitespace, so some patterns only apply inside a
// stack (after a crash header or another frame); see `StackState`.

/** Lines that continue the previous event wherever they appear. */
const ALWAYS = [
  /^[ \t]/, // indented: Java "\tat", Python '  File "', Go "\t/path/file.go:12", wrapped text
  /^Caused by: /,
  /^Suppressed: /,
  /^\.\.\. \d+ (more|common frames omitted)/,
  /^goroutine \d+ (\[|gp=)/,
  /^created by /,
  /^\s*from \S+:\d+:in /, // Ruby
  /^\S+\.rb:\d+:in [`']/,
  /^During handling of the above exception/,
  /^The above exception was the direct cause/,
];

/** Lines that continue only inside a stack. */
const IN_STACK = [
  /^[\w.$/*()\-[\]{}%]+\(.*\)$/, // Go frame: main.main(), sync.(*RWMutex).Lock(...)
  /^\[signal /,
  /^\[recovered\]/,
  /^exit status \d+/,
  /^runtime stack:/,
  /^r[a-z0-9]{1,3}\s+0x[0-9a-f]+/, // Go register dump
  /^\.\.\.\s*(\d+ )?(additional )?frames? elided/,
  /^([A-Za-z_][\w$]*\.)+[\w$]*(Exception|Error|Throwable)\b/, // java.lang.X: msg
  /^[A-Z]\w*(Error|Exception|Exit|Interrupt|Warning)(: |$)/, // Python final line
  /^note: run with `RUST_BACKTRACE/,
  /^stack backtrace:/,
  /^\s*\d+: /,
];

/** Text that opens a stack: what follows it may be bare frames. */
const STACK_HEADERS = /^(panic: |fatal error: |Traceback \(most recent call last\)|Exception in thread |thread '[^']*' panicked|unexpected fault address|SIGSEGV|\[signal |goroutine \d+ )|(Exception|Error)(: |$)/;

const JAVA_EXCEPTION = /^([a-z_][\w$]*\.)+[A-Z][\w$]*(Exception|Error|Throwable)\b/;

export class StackState {
  /** Inside a stack: the current event is a crash header or a frame was seen. */
  inStack = false;

  /** A new event starts with `text`: does it open a stack? */
  startEvent(text: string): void {
    this.inStack = STACK_HEADERS.test(text);
  }

  /** Is `text` (no time of its own) a continuation of the current event? */
  continues(text: string, previousLevel: number): boolean {
    for (const re of ALWAYS) {
      if (re.test(text)) {
        if (!/^[ \t]/.test(text)) this.inStack = true;
        return true;
      }
    }
    if (/^Traceback \(most recent call last\)/.test(text)) {
      // logger.exception: the traceback belongs to the error line before it.
      // A bare traceback after an info line is a crash of its own.
      if (previousLevel >= 5) {
        this.inStack = true;
        return true;
      }
      return false;
    }
    if (previousLevel >= 4 && JAVA_EXCEPTION.test(text)) {
      // "ERROR ... request failed" followed by "java.lang.IllegalStateException: boom"
      this.inStack = true;
      return true;
    }
    if (!this.inStack) return false;
    for (const re of IN_STACK) if (re.test(text)) return true;
    return false;
  }
}
