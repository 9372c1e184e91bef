// The classification vocabulary: which messages are signals, operation starts
// and ends, timeouts, health failures, restarts and crashes. It is data, so a
// user can extend it (the app and share links carry custom entries) and each
// entry carries the sample lines it was written for; a test checks them.
// Entries are tried in order; the first match wins, so specific entries
// (crash, op-end) come before general ones (op-start "starting ...").

import type { KindName } from '../model/kinds.ts';

export interface VocabularyEntry {
  kind: Exclude<KindName, 'plain'>;
  /** Regular expression source, matched case-insensitively against message + extra fields. */
  pattern: string;
  /** For op-end: the operation failed. */
  failed?: boolean;
  /** Why this entry exists. */
  note: string;
  /** Lines this entry must classify (and the test checks it does). */
  samples: string[];
}

export const BUILTIN_VOCABULARY: VocabularyEntry[] = [
  // ---- crashes: checked first, a panic that mentions "timeout" is still a crash
  {
    kind: 'crash',
    pattern: String.raw`^(panic: |fatal error: |unexpected fault address|\[signal SIG(SEGV|BUS|ABRT)|SIGSEGV|segmentation fault|thread '[^']*' panicked at|Traceback \(most recent call last\)|Exception in thread "|Uncaught (Exception|TypeError|Error)|uncaught exception|unhandled (promise )?rejection|java\.lang\.OutOfMemoryError|FATAL ERROR: .*heap out of memory|runtime: out of memory)`,
    note: 'Runtime crash headers: Go panic/fatal error, Rust panic, Python traceback, JVM/Node fatal errors.',
    samples: [
      'fatal error: concurrent map writes',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      "thread 'main' panicked at src/main.rs:10:5:",
      'Traceback (most recent call last):',
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    ],
  },
  {
    kind: 'crash',
    pattern: String.raw`(main process exited, code=(exited|killed|dumped), status=(?!0/)|Out of memory: Killed process|oom-kill|OOMKilled|invoked oom-killer|core dumped|fatal error: all goroutines are asleep|terminated by signal SIG(SEGV|ABRT|KILL|BUS))`,
    note: 'Process deaths reported by the supervisor or kernel: systemd, the OOM killer, Kubernetes.',
    samples: [
      'nginx.service: Main process exited, code=exited, status=1/FAILURE',
      'Out of memory: Killed process 1234 (java) total-vm:123kB',
      'Container app was OOMKilled',
    ],
  },
  // ---- health failures
  {
    kind: 'health-fail',
    pattern: String.raw`(health ?check(s)? (failed|failing)|unhealthy|(liveness|readiness|startup) probe failed|probe failed|unresponsive|not responding|is not answering|heartbeat (missed|timeout|failed)|failed health check)`,
    note: 'A watcher noticed the service stopped answering.',
    samples: [
      'process is alive but admin API is unresponsive -- killing and restarting',
      'Liveness probe failed: Get "http://10.0.0.5:8080/healthz": context deadline exceeded',
      'health check failed for upstream 10.1.2.3:443',
    ],
  },
  // ---- timeouts and upstream failures
  {
    kind: 'timeout',
    pattern: String.raw`(context canceled|context deadline exceeded|deadline exceeded|i/o timeout|timed? ?out|timeout (exceeded|expired|elapsed)|request timeout|gateway time-?out|\b504\b|upstream (connect )?(error|timeout|failed|prematurely closed)|failed to connect to upstream|no healthy upstream|connection (reset|refused) by peer|connection refused|broken pipe|ETIMEDOUT|ECONNRESET|ECONNREFUSED|\bUT\b|\bUF\b|\bURX\b)`,
    note: 'Requests that ended in a timeout or upstream failure (Go context errors, proxies, Envoy flags UT/UF).',
    samples: [
      'Failed to connect to upstream error: context canceled',
      'dial tcp 10.0.0.1:443: i/o timeout',
      'upstream request timeout',
      'GET /api 504 Gateway Timeout',
    ],
  },
  // ---- signals and reloads
  {
    kind: 'signal',
    pattern: String.raw`(\bSIG(HUP|USR1|USR2|TERM|INT|QUIT)\b|received signal|got signal|caught signal|signal received|reload(ing)? (config|configuration|routes)|configuration reload|config(uration)? reloaded|updating routes|hot reload|POST /load\b|admin.*/load\b|"/load")`,
    note: 'Reloads and signals: what the stall-after-reload rule pairs with long operations.',
    samples: [
      'Received signal, updating routes...',
      'received SIGHUP, reloading configuration',
      'POST /load 200',
    ],
  },
  // ---- restarts
  {
    kind: 'restart',
    pattern: String.raw`(\brestart(ing|ed)?\b|scheduled restart|back-?off restarting|\bstarted\b|server started|listening on|serving on|now listening|ready to accept connections|starting server|re-applying \d+ routes|started container|booting)`,
    note: 'A process (re)started or became ready.',
    samples: [
      'restarted -- re-applying 12 routes',
      'Listening on :8080',
      'nginx.service: Scheduled restart job, restart counter is at 3.',
    ],
  },
  // ---- long-running operations: failures and ends before starts
  {
    kind: 'op-end',
    failed: true,
    pattern: String.raw`((renew(al)?|obtain(ing)?|issu(e|ance|ing)|acme|certificate|backup|migration|compaction|snapshot|ocsp)\b.*\b(failed|failure|error|aborted)|(failed|could not|unable) to (renew|obtain|issue|complete|finish|run (the )?(backup|migration|compaction)))`,
    note: 'A long-running operation ended in failure.',
    samples: ['certificate renewal failed: acme: error 429', 'backup failed: disk full', 'could not renew certificate'],
  },
  {
    kind: 'op-end',
    pattern: String.raw`(\b(certificate )?obtained\b|renewed successfully|successfully (renewed|obtained|issued|completed)|certificate (renewed|issued)|\bfinished\b|\bcompleted?\b|\bdone\b( in|\.|$)|\bsucceeded\b|backup (complete|finished|done)|migration(s)? (complete|finished|applied)|compaction (complete|finished|done)|stapled ocsp|ocsp (response )?(stapled|updated))`,
    note: 'A long-running operation finished.',
    samples: ['certificate obtained successfully', 'renewed successfully', 'backup completed in 42s', 'compaction finished'],
  },
  {
    kind: 'op-start',
    pattern: String.raw`(\brenewing\b|\bobtaining\b|starting acme|acme process|\bissuing\b|obtain(ing)? certificate|renew(ing)? certificate|stapling ocsp|refreshing ocsp|\bstarting (backup|migration|compaction|snapshot|vacuum|job|task|sync|reindex|rebuild|\w+ process)|\b(backup|migration|compaction|snapshot) (started|starting|begins|beginning)|running migrations?|\bbegin(ning)? (backup|migration|compaction))`,
    note: 'A long-running operation began.',
    samples: ['Renewing certificate', 'Starting ACME process', 'starting backup of /var/lib/db', 'running migrations'],
  },
];
