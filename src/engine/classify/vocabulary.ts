// The classification vocabulary: which events are signals, operation starts
// and ends, timeouts, health failures, restarts and crashes. It is data (in the
// spirit of lnav's format files), so a user can extend it: custom entries come
// in as IngestOptions.vocabulary, are tried before these, and travel in share
// links. Every entry carries the lines it was written for, and a test fails
// when a sample does not classify as its entry or an entry has no sample;
// NEGATIVE_SAMPLES pins the lines that look alike but must not match.
//
// Patterns are matched case-insensitively against the message followed by the
// record's error-ish fields (`error`, `err`, `reason`...): Centauri logs
// `Failed to connect to upstream` with `error: context canceled` in a field.
// Entries are tried in order and the first match wins, so the specific come
// before the general: crashes, then failed operations (a renewal that failed
// with a timeout is an operation end, not a request timeout), health failures,
// timeouts, signals, restarts, successful ends and finally starts.

import type { KindName } from '../model/kinds.ts';

export interface VocabularyEntry {
  kind: Exclude<KindName, 'plain'>;
  /** Regular expression source, matched case-insensitively against message + extra fields. */
  pattern: string;
  /** For op-end: the operation failed. */
  failed?: boolean;
  /** Why this entry exists. */
  note: string;
  /** Messages this entry must classify (and the test checks it does). */
  samples: string[];
  /** Records whose deciding text is in a field: [message, extra fields]. */
  fieldSamples?: [string, string][];
}

/** Lines that resemble an entry but must classify otherwise ('plain' unless `kind` says). */
export interface NegativeSample {
  message: string;
  extra?: string;
  kind: KindName;
  failed?: boolean;
  why: string;
}

// Words that name a long-running operation; shared by the op-* entries so a
// start and its end are recognised by the same nouns.
const OP_NOUN = String.raw`(?:certificates?|cert|renewal|acme|ocsp|backups?|migrations?|compaction|snapshot|vacuum|reindex(?:ing)?|rebuild|sync(?:hroni[sz]ation)?|replication|rotation|job|task|batch|export|import|upgrade|deploy(?:ment)?|rollout|garbage collection|gc cycle|checkpoint|flush)`;

export const BUILTIN_VOCABULARY: VocabularyEntry[] = [
  // ---- crashes: first, because a panic whose text mentions a timeout is still a crash.
  {
    kind: 'crash',
    pattern: String.raw`^(?:panic: |fatal error: |unexpected fault address|\[signal SIG(?:SEGV|BUS|ABRT|ILL|FPE)|SIGSEGV|SIGABRT|segmentation fault|thread '[^']*' panicked at|Traceback \(most recent call last\)|Exception in thread "|Uncaught (?:Exception|TypeError|ReferenceError|RangeError|Error)|uncaught exception|unhandled (?:promise )?rejection|FATAL ERROR: |runtime: out of memory|terminate called after throwing|Aborted \(core dumped\)|\*\*\* stack smashing|Unhandled exception\. |Fatal Python error: |(?:\/|[A-Za-z]:\\|\.\.?\/)\S+\.[cm]?[jt]sx?:\d+$|\S+\.rb:\d+:in [\`'][^\`']*': .*\([A-Z]\w*(?:::[A-Z]\w*)*\)$)`,
    note: 'Runtime crash headers at the start of a message: Go panic / fatal error (concurrent map writes, deadlock), Rust panic, Python traceback, JVM uncaught exception, Node fatal error and the bare "file.js:line" banner Node prints above an uncaught exception, Ruby\'s uncaught "file.rb:N:in \'m\': msg (Class)", C++ abort.',
    samples: [
      'fatal error: concurrent map writes',
      'fatal error: all goroutines are asleep - deadlock!',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      "thread 'main' panicked at src/main.rs:10:5:",
      "thread 'tokio-runtime-worker' panicked at 'called `Option::unwrap()` on a `None` value', src/proxy.rs:88:14",
      'Traceback (most recent call last):',
      'Exception in thread "main" java.lang.IllegalStateException: boom',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      'runtime: out of memory: cannot allocate 4194304-byte block (1073741824 in use)',
      'Segmentation fault (core dumped)',
      "terminate called after throwing an instance of 'std::bad_alloc'",
      'Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.',
      'Fatal Python error: Segmentation fault',
      '/app/server.js:12',
      'C:\\srv\\api\\index.mjs:88',
      "app.rb:3:in 'x': boom (RuntimeError)",
      "/srv/app/lib/worker.rb:41:in `perform': undefined method `id' for nil (NoMethodError)",
      "app.rb:3:in 'Object#x': connection lost (Net::ReadTimeout)",
    ],
  },
  {
    kind: 'crash',
    pattern: String.raw`(?:main process exited, code=(?:exited|killed|dumped), status=(?!0/)|Out of memory: Kill(?:ed)? process|invoked oom-killer|\boom-kill(?:er)?\b|\bOOMKilled\b|java\.lang\.OutOfMemoryError|\bOutOfMemoryError\b|JavaScript heap out of memory|terminated by signal SIG(?:SEGV|ABRT|KILL|BUS)|killed by signal (?:9|11|6)\b|\bcore dumped\b|exited with (?:exit )?(?:code|status) (?:[1-9]\d*|-\d+)\b|^exit status [1-9]|\bCrashLoopBackOff\b|\bback-?off restarting failed\b|\b(?:exited|terminated|died|quit|stopped) unexpectedly\b|\b(?:app|process|worker|child|server|service) crashed\b|\bException in worker process\b|\bWorker \(pid:\d+\) was sent SIG(?:KILL|SEGV|ABRT)\b|\bfatal signal \d+|\bsignal \d+ \(SIG(?:SEGV|BUS|ABRT|ILL|FPE)\)|\bsignal: \d+, SIG(?:SEGV|BUS|ABRT|ILL|FPE)\b)`,
    note: 'Process deaths told by someone else (systemd, the kernel OOM killer, Kubernetes, a supervisor), an OOM that may be logged mid-line, and fatal signals ("Fatal signal 11 (SIGSEGV)" is a crash, not a reload signal).',
    samples: [
      'nginx.service: Main process exited, code=exited, status=1/FAILURE',
      'app.service: Main process exited, code=killed, status=9/KILL',
      'Out of memory: Killed process 1234 (java) total-vm:12345678kB, anon-rss:8123456kB',
      'java invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
      'Container app was OOMKilled',
      'ERROR Unhandled error in worker: java.lang.OutOfMemoryError: Java heap space',
      'child process exited with code 2',
      'Back-off restarting failed container api in pod default/api-7f9',
      'worker process exited unexpectedly, restarting',
      '[nodemon] app crashed - waiting for file changes before starting...',
      'Exception in worker process',
      'Worker (pid:41) was sent SIGKILL! Perhaps out of memory?',
      'Fatal signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x0 in tid 4242 (RenderThread)',
      'libc: Fatal signal 6 (SIGABRT), code -1 (SI_QUEUE) in tid 812 (main)',
      'worker 3 killed: signal 11 (SIGSEGV)',
      'process didn\'t exit successfully: `target/release/api` (signal: 11, SIGSEGV: invalid memory reference)',
    ],
  },
  // ---- operations that ended in failure (before timeouts: "renewal failed: i/o timeout" ends the renewal).
  {
    kind: 'op-end',
    failed: true,
    pattern: String.raw`(?:\b(?:renewal|renewing|obtain(?:ing)?|issu(?:e|ance|ing)|acme|ocsp stapl\w*|backups?|migrations?|compaction|snapshot|vacuum|reindex|job|task|batch|sync|replication|deploy(?:ment)?|rollout|upgrade)\b[^.;]{0,80}?\b(?:failed|failure|errored|aborted|gave up|giving up)\b|\b(?:(?:failed|unable) to|could not|couldn't|cannot) (?:renew(?! (?:a |the )?lease)|obtain|issue|staple)\b|\b(?:(?:failed|unable) to|could not|couldn't|cannot) (?:get|fetch) (?:a |the )?(?:certificate|cert)|\b(?:(?:failed|unable) to|could not|couldn't|cannot) (?:complete|finish|run|apply|restore) (?:the |a )?${OP_NOUN}\b|\bacme: error\b|\bmigration\b.*\brolled back\b)`,
    note: 'A long-running operation (certificate renewal, ACME, backup, migration, job) ended in failure: its span is marked failed.',
    samples: [
      'certificate renewal failed: acme: error 429 rateLimited',
      'backup failed: disk full',
      'could not renew certificate for a.example.com',
      'Job "nightly-report" failed after 3 attempts',
      'failed to obtain certificate: context deadline exceeded',
      'migration 0042_add_index rolled back',
    ],
    fieldSamples: [['backup', 'failed: no space left on device']],
  },
  // ---- health failures: a watcher noticed the service stopped answering.
  {
    kind: 'health-fail',
    pattern: String.raw`(?:health ?-?check(?:s)?\b[^.;]{0,40}?\b(?:failed|failing|failure|timed out|error)|failed health ?-?check|(?:liveness|readiness|startup) probe (?:failed|errored)|\bprobe failed\b|(?<!\b0 )\bunhealthy\b(?!\s*[=:]\s*0\b)|\bunresponsive\b|\bnot responding\b|stopped responding|is not answering|heartbeat (?:missed|timeout|timed out|failed|lost)|missed (?:\d+ )?heartbeats?|watchdog (?:timeout|expired|triggered|fired)|blocked for more than \d+ seconds|\bnot healthy\b|\b(?:appears|seems|is) (?:to be )?(?:hung|stuck|frozen|wedged)\b|\bno response from\b|\bdid(?: not|n't) respond\b|\bfailed to respond\b|\bWORKER TIMEOUT \(pid:\d+\)|\bHARAKIRI ON WORKER\b)`,
    note: 'Health checks, probes, heartbeats and watchdogs that failed: the periodic-freeze rule counts these. A supervisor that declares a worker hung (gunicorn "WORKER TIMEOUT", uWSGI "HARAKIRI") is a watchdog too.',
    samples: [
      'process is alive but admin API is unresponsive -- killing and restarting',
      'Liveness probe failed: Get "http://10.0.0.5:8080/healthz": context deadline exceeded',
      'health check failed for upstream 10.1.2.3:443',
      'marking backend 10.0.0.7:8080 unhealthy after 3 failures',
      'admin endpoint not responding, will restart child',
      'heartbeat missed from worker-3',
      'INFO: task kworker/3:1:123 blocked for more than 120 seconds.',
      'child process appears hung (no heartbeat for 45s)',
      'admin API did not respond within 5s, restarting child',
      'upstream backend-2 is not healthy',
      'WORKER TIMEOUT (pid:57)',
      '*** HARAKIRI ON WORKER 3 (pid: 4242, try: 1) ***',
    ],
  },
  // ---- timeouts and upstream failures: what a stalled or dead backend looks like from the caller.
  {
    kind: 'timeout',
    pattern: String.raw`(?:context cancell?ed|context deadline exceeded|\brequest cancell?ed\b|\boperation was cancell?ed\b|TaskCanceledException|no live upstreams|deadline ?exceeded|i/o timeout|\btimed out\b|\btime-?out\b(?![\w=:-]|\s*[=:]?\s*\d|\s+(?:set|is set|configured|value|of|to)\b)|\b\w*Timeout(?:Exception|Error)\b|\b(?:Read|Connect|Socket|Pool)Timeout\b|gateway time-?out|\bupstream\b[^.;]{0,40}?\b(?:error|failed|failure|unavailable|unreachable|prematurely closed|timed out|timeout(?![\w=:-]|\s*[=:]?\s*\d))|failed to (?:connect|dial|reach|proxy)(?: to)? (?:the )?(?:upstream|backend|origin)|no healthy upstream|connection (?:reset by peer|refused)|\bE(?:TIMEDOUT|CONNRESET|CONNREFUSED|SOCKETTIMEDOUT|HOSTUNREACH)\b|\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+(?:\s+HTTP/[\d.]+)?"?\s+(?:50[234]|499)\b|\bstatus[=:"\s]+504\b|\b504\s+(?:Gateway|-)|\b[45]\d\d (?:UT|UF|UH|URX|UC)\b|\bcode ?= ?(?:DeadlineExceeded|Unavailable)\b|\b(?:50[0-4]|408) \d+ \S+ \S+ [CSPRIDLKcs][RQCHDLT][A-Za-z-]{2} \d+\/\d+\/\d+\/\d+\/\d+ )`,
    note: 'Requests that ended in a timeout or an upstream failure: Go context errors, socket timeouts, proxy 503/504, Envoy UT/UF flags and HAProxy termination states (SC--, sH--: the server refused or timed out). "timeout=30s" and other settings are not timeouts.',
    samples: [
      'dial tcp 10.0.0.1:443: i/o timeout',
      'upstream request timeout',
      'GET /api/orders HTTP/1.1 504 10.0.0.9',
      'GET /api 503 UF',
      'upstream timed out (110: Connection timed out) while reading response header from upstream',
      'request to backend failed: context deadline exceeded',
      'java.net.SocketTimeoutException: Read timed out',
      'requests.exceptions.ReadTimeout: HTTPSConnectionPool(host=api, port=443)',
      'Timeout waiting for connection from pool',
      'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
      'no healthy upstream',
      'net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'System.Threading.Tasks.TaskCanceledException: The operation was canceled.',
      'no live upstreams while connecting to upstream',
      'POST /api/checkout HTTP/1.1 499 0',
      '10.0.0.7:41234 [14/May/2024:02:10:00.123] fe_https~ be_orders/<NOSRV> 0/0/-1/-1/3001 503 217 - - SC-- 12/12/3/0/0 0/0 "GET /api/orders HTTP/1.1"',
      '10.0.0.7:41235 [14/May/2024:02:10:30.001] fe_https~ be_orders/orders1 0/0/1/-1/30002 504 194 - - sH-- 9/9/1/1/0 0/0 "GET /api/cart HTTP/1.1"',
    ],
    fieldSamples: [
      ['Failed to connect to upstream', 'context canceled'],
      ['handled request', 'dial tcp 10.0.0.1:8080: connect: connection refused'],
    ],
  },
  // ---- signals and reloads: what the stall-after-reload rule pairs with long operations.
  {
    kind: 'signal',
    pattern: String.raw`(?:\bSIG(?:HUP|USR1|USR2|TERM|INT|QUIT|WINCH)\b|\b(?:received|got|caught|handling|trapped|trap) (?:a |the )?(?:signal|hangup)\b|\bsignal (?:received|caught)\b|\bsignal \d+ \(SIG\w+\)|\breload(?:ing|ed)? (?:the |its |new )?(?:config(?:uration)?|routes|settings|certificates|tls|rules|plugins)\b|\bconfig(?:uration)? (?:reload(?:ed|ing)?)\b|\b(?:changed|modified|updated)[,;:]? (?:reloading|applying)\b|\b(?:updating|applying|refreshing|swapping) (?:the )?(?:new )?(?:routes|route table|upstreams)\b|\bapplying (?:the )?new config(?:uration)?\b|\breload (?:requested|triggered|signal(?:led)?|started|initiated)\b|\breceived request\b.*(?:^|\s)/(?:load|reload)\b|\bhot[- ]?reload|\breconfiguring\b|^Reload(?:ing|ed) |\b(?:POST|PUT) /(?:load|reload|config)\b|\badmin\b.*\s/(?:load|reload)\b)`,
    note: 'Reloads and signals (SIGHUP, "received signal", "reloading configuration", "updating routes", admin /load).',
    samples: [
      'Received signal, updating routes...',
      'received SIGHUP, reloading configuration',
      'POST /load 200',
      'signal 1 (SIGHUP) received from 4321, reconfiguring',
      'Reloading nginx.service - A high performance web server...',
      'config file changed, reloading',
      'caught signal terminated, shutting down',
      'reload requested via admin API',
      'applying new route table (14 routes)',
    ],
  },
  // ---- restarts: a process (re)started or became ready. Not "started processing request".
  {
    kind: 'restart',
    pattern: String.raw`(?:\brestart(?:ing|ed)\b(?! (?:processing|request|handler|timer|count))|scheduled restart job|restart counter is at \d+|\b(?:server|service|daemon|proxy|application|app|instance|supervisor|child(?: process)?|process|container|node|broker|agent|listener) (?:is )?(?:started|ready|up and running|booted)\b|\b(?:starting|started|booting) (?:the )?(?:http |https |grpc |tcp |web |api |admin )?(?:server|service|daemon|proxy|instance|supervisor|container|listener)\b|\blistening on\b|\bserving (?:http |https |grpc )?(?:on|at)\b|\bnow listening\b|\bready to accept connections\b|\bstartup complete\b|^Started \S+\.service\b|^Started \w+Application in |^Booting worker|\bstarted container\b|\b(?:re)?spawn(?:ed|ing) (?:a )?(?:new )?(?:child|process|worker)\b|\bserver startup in\b|\brunning on (?:https?://|:\d|port \d))`,
    note: 'A process (re)started or became ready: supervisors, systemd, Kubernetes, servers announcing their listener.',
    samples: [
      'restarted -- re-applying 12 routes',
      'Listening on :8080',
      'nginx.service: Scheduled restart job, restart counter is at 3.',
      'HTTP server listening on 0.0.0.0:8443',
      'Started api.service - Example API.',
      'Started DemoApplication in 3.21 seconds (JVM running for 3.9)',
      'Ready to accept connections tcp',
      'starting server addr=:8080',
      'server started',
      'spawned child pid=4242',
      'child started pid=5150',
      'Server startup in 3402 ms',
      'Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
    ],
  },
  // ---- operations that ended well.
  {
    kind: 'op-end',
    pattern: String.raw`(?:\b(?:certificate|cert) (?:obtained|renewed|issued)\b|\bobtained (?:a |the )?(?:new )?certificate|\brenewed successfully\b|\bsuccessfully (?:renewed|obtained|issued|stapled|completed|finished)\b|\bocsp (?:response )?(?:stapled|updated|refreshed)\b|\b${OP_NOUN}\b[^.;]{0,60}?\b(?:completed?|finished|done|succeeded|successful(?:ly)?|ended|applied)\b(?!\s+with\s+[1-9]\d* errors?)|\b(?:completed|finished) (?:the )?${OP_NOUN}\b)`,
    note: 'A long-running operation finished: its span ends here (an end only pairs with a start of the same operation).',
    samples: [
      'certificate obtained successfully',
      'renewed successfully',
      'backup completed in 42s',
      'compaction finished',
      'job nightly-report done',
      'finished backup of /var/lib/db',
      'backup completed with 0 errors',
      'migrations applied',
    ],
  },
  // ---- operations that began.
  {
    kind: 'op-start',
    pattern: String.raw`(?:\brenewing\b|\bobtaining\b(?! lock)|\bissuing (?:a |the )?(?:new )?cert|\bstarting acme\b|\bacme process\b|\b(?:renew|obtain)(?:ing)? (?:a |the )?certificates?\b|\b(?:stapling|refreshing) ocsp|\b(?:starting|beginning|begin|running|launching|triggering|kicking off) (?:the |a |scheduled |nightly |daily |hourly )?${OP_NOUN}\b|\b${OP_NOUN}\b[^.;]{0,40}?\b(?:started|starting|begins|beginning|triggered|kicked off)\b|\brunning migrations?\b|\bmigrating (?:database|schema)\b)`,
    note: 'A long-running operation began: certificate renewal and issuance, ACME, OCSP stapling, backups, migrations, compactions, jobs.',
    samples: [
      'Renewing certificate',
      'Starting ACME process',
      'starting backup of /var/lib/db',
      'running migrations',
      'obtaining certificate for a.example.com',
      'compaction started level=2',
      'job nightly-report started',
      'Starting scheduled job cleanup',
    ],
  },
];

export const NEGATIVE_SAMPLES: NegativeSample[] = [
  { message: 'started processing request', kind: 'plain', why: 'a request, not a process start' },
  { message: 'Started GET "/users" for 127.0.0.1 at 2024-05-01 10:00:00 +0000', kind: 'plain', why: 'Rails request line' },
  { message: 'processed 120 items, 0 errors', kind: 'plain', why: '"0 errors" is not an error' },
  { message: 'backup completed with 0 errors', kind: 'op-end', failed: false, why: 'a clean finish, not a failure' },
  { message: 'backup completed with 3 errors', kind: 'plain', why: 'neither a clean end nor the failure wording; left to the level' },
  { message: 'upstream config: timeout=30s retries=3', kind: 'plain', why: 'a setting, not a timeout' },
  { message: 'read_timeout: 30s', kind: 'plain', why: 'a setting' },
  { message: 'server config loaded, timeout 30s', kind: 'plain', why: 'a setting' },
  { message: 'setting request timeout to 30s', kind: 'plain', why: 'a setting' },
  { message: 'request completed', kind: 'plain', why: 'every request completes; not an operation' },
  { message: 'job scheduled', kind: 'plain', why: 'scheduling is not starting' },
  { message: 'health check passed', kind: 'plain', why: 'a passing check' },
  { message: 'upstreams: 4 healthy, 0 unhealthy', kind: 'plain', why: 'zero unhealthy' },
  { message: 'restart_policy=always', kind: 'plain', why: 'a setting' },
  { message: 'no restart needed', kind: 'plain', why: 'nothing restarted' },
  { message: 'x509: certificate has expired or is not yet valid', kind: 'plain', why: 'a TLS error, not the renewal operation' },
  { message: 'certificate renewal scheduled in 720h', kind: 'plain', why: 'scheduled, not started' },
  { message: 'http: panic serving 10.0.0.1:5555: runtime error: index out of range', kind: 'plain', why: 'net/http recovered the panic; the process lives on' },
  { message: 'GET /healthz 200 1ms', kind: 'plain', why: 'a passing probe request' },
  { message: 'GET /api/orders 200 504ms', kind: 'plain', why: '504 ms is a duration, not a status' },
  { message: 'exited with code 0', kind: 'plain', why: 'a clean exit' },
  { message: 'obtaining lock on table users', kind: 'plain', why: 'a lock, not an operation' },
  { message: 'Failed with result \'exit-code\'.', kind: 'plain', why: 'systemd repeats the crash it already reported' },
  { message: 'crash reporter initialised', kind: 'plain', why: 'nothing crashed' },
  { message: 'updating config value max_conns=100', kind: 'plain', why: 'a setting changed, not a reload' },
  { message: 'cache miss', kind: 'plain', why: 'ordinary traffic' },
  { message: 'vacuum skipped: backup in progress', kind: 'plain', why: 'a running backup mentioned, not started' },
  { message: 'POST /api/orders 201', kind: 'plain', why: 'ordinary traffic' },
  { message: '10.0.0.7:41236 [14/May/2024:02:10:31.001] fe_https~ be_orders/orders1 0/0/1/12/13 500 310 - - ---- 9/9/1/1/0 0/0 "POST /api/orders HTTP/1.1"', kind: 'plain', why: 'HAProxy passed on the application\'s own 500: no proxy-side failure' },
  { message: 'worker timeout set to 30s', kind: 'plain', why: 'a setting, not gunicorn\'s WORKER TIMEOUT' },
  { message: 'received signal 15 (SIGTERM), shutting down', kind: 'signal', why: 'a stop signal, not a fatal one' },
  { message: 'signal 1 (SIGHUP) received, reloading', kind: 'signal', why: 'a reload signal' },
  { message: 'installed handler for SIGSEGV', kind: 'plain', why: 'nothing crashed' },
  { message: 'loaded /app/server.js in 12ms', kind: 'plain', why: 'a path in a message, not the uncaught-exception banner' },
  { message: 'GET /static/app.js:12 404', kind: 'plain', why: 'a request for a file' },
  { message: 'app.rb:3: warning: already initialized constant LIMIT', kind: 'plain', why: 'a Ruby warning' },
  { message: "app.rb:12:in 'call'", kind: 'plain', why: 'a bare backtrace frame (a continuation, not the exception line)' },
];
