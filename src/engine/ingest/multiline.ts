// Which untimed text lines continue the event before them (stack traces,
// tracebacks, wrapped messages) rather than start a new one. Go and Python
// frames do not start with whitespace, so some patterns only apply inside a
// stack (after a crash header or another frame); see `StackState`.
// Shapes: Go panics and `fatal error:` (goroutine dumps), Java / C# (`at`,
// `Caused by`, `... N more`), Python tracebacks (after logger.exception and
// bare), Ruby backtraces, Rust panics (message line, `stack backtrace:`),
// Node stacks and its uncaught-exception banner, zap's stacktrace field, PHP
// (`Stack trace:`, `#0 file(12): f()`), C / C++ backtraces (gdb `#0 0x...`,
// glibc `binary(func+0x12)[0x...]`), Elixir / Erlang crash reports, .NET's
// `Unhandled exception.`. Crash reporters that print a free-text report
// (MySQL / MariaDB's "got signal 11", glog's "*** Aborted at", the JVM's
// "A fatal error has been detected") keep every untimed line up to the next
// timed one in the crash's event (`Opens.report`).

/** Lines that continue the previous event wherever they appear. */
const ALWAYS = [
  /^[ \t]/, // indented: Java "\tat", Python '  File "', Go "\t/path/file.go:12", C# "   at", wrapped text
  /^Caused by: /,
  /^Suppressed: /,
  /^\.\.\. \d+ (more|common frames omitted)/,
  /^goroutine \d+ (\[|gp=)/,
  /^created by /,
  /^\S+\.rb:\d+:in [`'][^`']*'$/, // Ruby backtrace frame (an uncaught exception's first line ends in "(Class)")
  /^During handling of the above exception/,
  /^The above exception was the direct cause/,
  /^--- End of (inner exception )?stack trace/,
  /^\^+\s*$/, // caret under the failing expression (Node, Python)
  /^(?:<-{3} .+ -{3}>|-{5} .+ -{5})$/, // V8's crash-report banners ("<--- JS stacktrace --->", "----- Native stack trace -----")
  /^[\]})]+[;,]?\s*$/, // only closing brackets: the end of an object or array printed over several lines with the record before
  /^-(?: |$)/, // log4j's "%d [%t] %p %c%n- %m%n" layout: the message on the line below its header, after "- "
  /^\{ [A-Za-z_$][\w$]*: /, // Node's util.inspect of an object (winston's exception meta, `{ date: '...',`): keys unquoted, so never a JSON record
];

/** Lines that continue only inside a stack. */
const IN_STACK = [
  /^[\w.$/*()\-[\]{}%@]+\(.*\)$/, // Go frame: main.main(), sync.(*RWMutex).Lock(...)
  /^[\w.\-@]+(?:\/[\w.\-@]+)*\.[\w$*()[\].-]+$/, // Go frame without arguments (zap's stacktrace)
  /^at [\w$.<>]+\(.*\)$/, // a Java frame whose indent was lost in the paste
  /^\[signal /,
  /^\[recovered\]/,
  /^exit status \d+/,
  /^runtime stack:/,
  /^runtime: /,
  /^r[a-z0-9]{1,3}\s+0x[0-9a-f]+/, // Go register dump
  /^\.\.\.\s*(\d+ )?(additional )?frames? elided/,
  /^([A-Za-z_][\w$]*\.)+[\w$]*(Exception|Error|Throwable)\b/, // java.lang.X: msg, System.X: msg
  /^([A-Z]\w*)?(Error|Exception|Exit|Interrupt|Warning)(: |$)/, // Python's last line, Node's "Error: x"
  /^note: /, // Rust
  /^stack backtrace:/,
  /^\s*\d+: /,
  /^Node\.js v\d+/,
  /^#\d+ +\S/, // PHP "#0 /var/www/db.php(12): connect()", gdb "#0  0x00007f... in raise ()"
  /^PHP +\d+\. /,
  /^(?:PHP )?Stack trace:/,
  /^\S+\[0x[0-9a-f]+\]$/, // glibc backtrace_symbols: "/usr/sbin/mysqld(handle_fatal_signal+0x479)[0x55f4...]"
  /^\d+ +\S+ +0x[0-9a-f]+ /, // Apple crash report frame "0   libsystem_kernel.dylib  0x00007fff..."
];

/** Crash reporters whose whole report, up to the next timed line, belongs to the crash. */
const REPORT_HEADERS = /\bgot signal \d+|^Fatal signal \d+|^\*\*\* (?:Aborted at|SIG[A-Z]+)|A fatal error has been detected by the Java Runtime|^=CRASH REPORT|^Thread \d+ Crashed/;

/** A necessary condition for REPORT_HEADERS, cheap enough for every event. */
function mayReport(text: string): boolean {
  return text.includes('ignal') || text.charCodeAt(0) === 42 || text.includes('fatal error has') || text.includes('CRASH') || text.includes('Crashed');
}

/** Text that opens a stack: what follows it may be bare frames. */
const STACK_HEADERS = /^(panic: |fatal error: |Traceback \(most recent call last\)|Exception in thread |thread '[^']*' panicked|unexpected fault address|SIGSEGV|\[signal |goroutine \d+ |runtime: |Uncaught |Unhandled exception|\*\* \(|(?:PHP )?Stack trace:|PHP Fatal error)|^(?:\/|[A-Za-z]:\\|\.\.?\/)\S+\.[cm]?[jt]s:\d+$|(Exception|Error)(: |$)/;

/** First characters of STACK_HEADERS' anchored alternatives (and RUST_PANIC's "thread '"). */
const HEADER_STARTS = new Set('pfTEtuS[grU/.*P'.split('').map((c) => c.charCodeAt(0)));

/**
 * A necessary condition for STACK_HEADERS or RUST_PANIC to match, cheap enough
 * for every event: a header's first character, a drive letter ("C:\"), or
 * "Error" / "Exception" somewhere (the one unanchored alternative).
 */
function mayOpen(text: string): boolean {
  return HEADER_STARTS.has(text.charCodeAt(0)) || text.charCodeAt(1) === 58 || text.includes('Error') || text.includes('Exception');
}

/**
 * Lower-case words (matched case-insensitively) one of which every message
 * holds for which mayReport or mayOpen is true by more than its first two
 * characters: the classifier's literal scan reports them (classifier.ts
 * Watch), so most messages skip those searches.
 */
export const STACK_WORDS: readonly string[] = ['ignal', 'fatal error has', 'crash', 'error', 'exception'];

/** Rust (1.73+) prints the panic message on the line after "thread 'x' panicked at file:line:col:". */
const RUST_PANIC = /^thread '[^']*' panicked at .*:$/;

/** An exception line that belongs to the error logged just before it (Java/C# class, Node/Python "XError: msg"). */
const JAVA_EXCEPTION = /^([A-Za-z_][\w$]*\.)+[A-Z][\w$]*(Exception|Error|Throwable)\b|^([A-Z]\w*)?Error: |^[A-Z]\w*(?:Exception|Error)\[/; // the last: Elasticsearch's "XException[msg]" 
const GO_FRAME_NO_ARGS = IN_STACK[1];

/** Bits of StackState.opens. */
export const Opens = { stack: 1, messageNext: 2, report: 4 } as const;

export class StackState {
  /** Inside a stack: the current event is a crash header or a frame was seen. */
  inStack = false;
  /** The current event's header wants its next line (Rust's panic message). */
  private messageNext = false;
  /** The current event opened a crash report: every untimed line up to the next event is part of it. */
  private inReport = false;

  /** Inside a crash report: untimed lines of any shape (its "key=value" settings too) continue it. */
  get reporting(): boolean {
    return this.inReport;
  }

  /**
   * What an event whose message is `text` opens (bits of Opens); it depends on the text alone, so callers may cache it.
   * `words`: false when the text is known to hold none of STACK_WORDS (then only its first characters can open anything).
   */
  static opens(text: string, words = true): number {
    const report = (words ? mayReport(text) : text.charCodeAt(0) === 42) && REPORT_HEADERS.test(text) ? Opens.report | Opens.stack : 0;
    if (!(words ? mayOpen(text) : HEADER_STARTS.has(text.charCodeAt(0)) || text.charCodeAt(1) === 58)) return report;
    return report | (STACK_HEADERS.test(text) ? Opens.stack : 0) | (RUST_PANIC.test(text) ? Opens.messageNext : 0);
  }

  /**
   * opens(text, false) for a text whose first two character codes are c0 and
   * c1 (NaN past its end), read by the caller from the text's bytes: most
   * texts are answered without reading the string.
   */
  static opensByStart(text: string, c0: number, c1: number): number {
    if (c0 !== 42 && c1 !== 58 && !HEADER_STARTS.has(c0)) return 0;
    return StackState.opens(text, false);
  }

  /** A new event starts with `text`: does it open a stack? */
  startEvent(text: string): void {
    this.startEventWith(StackState.opens(text));
  }

  /** startEvent with opens(text) already known. */
  startEventWith(opens: number): void {
    this.inStack = (opens & Opens.stack) !== 0;
    this.messageNext = (opens & Opens.messageNext) !== 0;
    this.inReport = (opens & Opens.report) !== 0;
  }

  /** Is `text` (no time of its own) a continuation of the current event? */
  continues(text: string, previousLevel: number): boolean {
    if (this.inReport) return true;
    if (this.messageNext) {
      this.messageNext = false;
      return true;
    }
    for (const re of ALWAYS) {
      if (re.test(text)) {
        if (text.charCodeAt(0) !== 32 && text.charCodeAt(0) !== 9) this.inStack = true;
        return true;
      }
    }
    if (text.startsWith('Traceback (most recent call last)')) {
      // logger.exception: the traceback belongs to the error line before it.
      // A bare traceback after an info line is a crash of its own.
      if (previousLevel >= 5) {
        this.inStack = true;
        return true;
      }
      return false;
    }
    if (previousLevel >= 4 && (JAVA_EXCEPTION.test(text) || GO_FRAME_NO_ARGS.test(text))) {
      // "ERROR ... request failed" followed by "java.lang.IllegalStateException: boom",
      // or zap's stacktrace ("pkg/path.Func" then an indented "file.go:12").
      this.inStack = true;
      return true;
    }
    if (!this.inStack) return false;
    for (const re of IN_STACK) if (re.test(text)) return true;
    return false;
  }
}
