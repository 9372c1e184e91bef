// A small knowledge base of crash signatures: what a crash's text means and
// what to do next. The crash rule attaches the first signature that matches
// the crash lines (and the restart / kernel lines around them). Each entry
// carries a sample that the test checks it matches, and only it among the
// entries before it.

export interface CrashSignature {
  id: string;
  test: RegExp;
  /** Short name shown in the title. */
  name: string;
  hint: string;
  sample: string;
}

export const CRASH_SIGNATURES: readonly CrashSignature[] = [
  {
    id: 'go-concurrent-map',
    test: /concurrent map (?:writes|read and map write|iteration and map write)/i,
    name: 'Go concurrent map access (data race)',
    hint: 'Two goroutines touched the same Go map at once and the runtime aborted (this is not recoverable). Reproduce with the race detector (`go run -race` / `go test -race`); the trace shows the writing goroutine. Guard the map with a sync.Mutex / sync.RWMutex (or use sync.Map), or give it to one goroutine and pass messages over channels.',
    sample: 'fatal error: concurrent map writes',
  },
  {
    id: 'go-deadlock',
    test: /all goroutines are asleep - deadlock/i,
    name: 'Go deadlock (all goroutines asleep)',
    hint: 'Every goroutine was blocked, so the runtime gave up: a channel send or receive with no partner, a WaitGroup that never reaches zero, or a lock never released. The goroutine dump lists each blocking call; look for unbuffered channels and missing close().',
    sample: 'fatal error: all goroutines are asleep - deadlock!',
  },
  {
    id: 'go-oom',
    test: /runtime: out of memory|fatal error: out of memory/i,
    name: 'Go runtime out of memory',
    hint: 'The Go runtime could not get memory from the OS. Check the container memory limit against the heap (set GOMEMLIMIT below the limit), what grew before the crash (caches, unbounded queues, large responses), and a heap profile (pprof) from a live instance.',
    sample: 'runtime: out of memory: cannot allocate 4194304-byte block (1073741824 in use)',
  },
  {
    id: 'nil-pointer',
    test: /nil pointer dereference|invalid memory address|NullPointerException|Cannot read propert(?:y|ies) of (?:undefined|null)|AttributeError: 'NoneType'/i,
    name: 'nil / null pointer dereference',
    hint: 'Code used a nil (null, None, undefined) value: the first application frame in the stack trace is where. Usually an error path that returned nil without an error, a missing config value, or a map lookup that missed.',
    sample: 'panic: runtime error: invalid memory address or nil pointer dereference',
  },
  {
    id: 'java-oom',
    test: /java\.lang\.OutOfMemoryError|OutOfMemoryError/i,
    name: 'Java OutOfMemoryError',
    hint: 'The JVM ran out of the memory named after the colon (Java heap space, Metaspace, unable to create native thread, GC overhead limit). Capture a heap dump (-XX:+HeapDumpOnOutOfMemoryError), compare -Xmx / MaxRAMPercentage with the container limit, and look for growing caches or collections.',
    sample: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
  },
  {
    id: 'node-oom',
    test: /heap out of memory|Reached heap limit|Allocation failed - JavaScript heap/i,
    name: 'Node.js heap out of memory',
    hint: 'V8 reached its heap limit. Raising --max-old-space-size only buys time: take heap snapshots (--heapsnapshot-near-heap-limit) and look for retained objects (caches, listeners, closures) growing between snapshots.',
    sample: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
  },
  {
    id: 'rust-panic',
    test: /thread '[^']*' panicked at/i,
    name: 'Rust panic',
    hint: 'A Rust thread panicked at the file:line shown: typically unwrap() / expect() on None or Err, an index out of bounds or an arithmetic overflow. Run with RUST_BACKTRACE=1 for the backtrace; if the panic killed the main thread or a worker the process needs, handle the error instead of unwrapping.',
    sample: "thread 'main' panicked at src/proxy.rs:88:14:",
  },
  {
    id: 'linux-oom-killer',
    test: /Out of memory: Kill(?:ed)? process|invoked oom-killer|oom-kill|OOMKilled/i,
    name: 'killed by the OOM killer',
    hint: 'The kernel OOM killer (or the container runtime enforcing a memory limit) killed the process. Check the cgroup / pod memory limit, the process RSS growth before the kill (`dmesg`, `kubectl describe pod` shows Last State: OOMKilled), and whether the limit or the usage is wrong.',
    sample: 'Out of memory: Killed process 1234 (java) total-vm:12345678kB, anon-rss:8123456kB',
  },
  {
    id: 'segfault',
    test: /SIGSEGV|segmentation (?:fault|violation)|SIGBUS|Bus error|status=11\/SEGV|segfault at /i,
    name: 'segmentation fault',
    hint: 'An invalid memory access in native code (C/C++ libraries, cgo, unsafe blocks, JNI). Get the core dump or the signal trace; check recently upgraded native dependencies and code that shares buffers across threads.',
    sample: 'Segmentation fault (core dumped)',
  },
  {
    id: 'port-in-use',
    test: /address already in use|EADDRINUSE|bind\(\) to \S+ failed \(98/i,
    name: 'port already in use',
    hint: 'The process could not bind its listening port because something else holds it: an old instance that did not stop, a second unit or container mapped to the same port, or a socket-activated unit. Restarting cannot help until the port is free. Check who listens (`ss -ltnp \'sport = :PORT\'`, `lsof -i :PORT`), and whether the old process is still running after the stop.',
    sample: 'level=fatal msg="listen tcp :8080: bind: address already in use"',
  },
  {
    id: 'systemd-restarts',
    test: /restart counter is at \d+|Scheduled restart job|Start request repeated too quickly/i,
    name: 'systemd restart cycle',
    hint: 'systemd keeps restarting the unit; the restart counter says how often. `systemctl status <unit>` and `journalctl -u <unit> -b` show each exit status. After StartLimitBurst failures within StartLimitIntervalSec systemd stops trying ("Start request repeated too quickly").',
    sample: 'api.service: Scheduled restart job, restart counter is at 3.',
  },
  {
    id: 'python-traceback',
    test: /Traceback \(most recent call last\)/i,
    name: 'uncaught Python exception',
    hint: 'An exception reached the top of the program. The last line of the traceback names the exception and the frame above it the code that raised it.',
    sample: 'Traceback (most recent call last):',
  },
  {
    id: 'node-uncaught',
    test: /^(?:\/|[A-Za-z]:\\|\.\.?\/)\S+\.[cm]?[jt]sx?:\d+$|^Uncaught (?:Exception|\w*Error)|unhandled (?:promise )?rejection/im,
    name: 'uncaught exception in Node.js',
    hint: 'An exception (or a rejected promise) nobody handled reached Node\'s top level, and Node exits on it. The lines under the "file.js:line" banner show the throwing statement, then "Error: message" and its stack. Look for a missing try/catch or .catch() around that call (often an error event on a socket or stream with no listener), and log process.on(\'uncaughtException\') before exiting so the next one is explained.',
    sample: '/app/server.js:12',
  },
  {
    id: 'ruby-uncaught',
    test: /^\S+\.rb:\d+:in [`'][^`']*': .*\([A-Z]\w*(?:::[A-Z]\w*)*\)$/m,
    name: 'uncaught Ruby exception',
    hint: 'An exception reached the top of the Ruby program: the first line names the file, line and method that raised it and the exception class in parentheses; the "from" lines below are the callers. NoMethodError on nil usually means a lookup returned nothing; check what the calling line expected.',
    sample: "app.rb:3:in 'x': boom (RuntimeError)",
  },
  {
    id: 'go-panic',
    test: /^panic: /im,
    name: 'Go panic',
    hint: 'An unrecovered Go panic: the message after "panic:" says what, the first goroutine trace says where. A panic in any goroutine kills the whole process.',
    sample: 'panic: send on closed channel',
  },
];

/** The first signature matching any of the texts. */
export function matchSignature(texts: readonly string[]): CrashSignature | null {
  for (const sig of CRASH_SIGNATURES) if (texts.some((t) => sig.test.test(t))) return sig;
  return null;
}
