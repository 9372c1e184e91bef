// Plain-text line dialects as data (in the manner of lnav's format files: formats are data, not code):
// each entry is a regular expression with named groups, the level words of
// its dialect, and sample lines it was written for. One generic runner
// (text-line.ts) reads every entry the same way; a test fails when a sample
// is claimed by no pattern, or by another one first, or a pattern has none.
// It is one table past 500 lines on purpose: the order of the entries is the
// order they are tried in, which is only reviewable when they sit in one list.
//
// Named groups the runner understands:
//   ts                       a whole timestamp, read by time.ts (ISO, CLF, epoch, syslog, ctime)
//   Y | y2, M | mon, D, h, m, s, ms, frac, tz, ap
//                            a timestamp in pieces (odd shapes: klog, HDFS, HealthApp, Proxifier);
//                            ap: "am" / "pm" after a 12-hour clock;
//                            without Y/y2 the file's year is used, without a date the line is untimed
//   epoch (+ frac)           epoch seconds, with sub-second digits from another field (BGL)
//   tai                      the 24 hex digits of a TAI64N label (tai64n.ts)
//   up | upms                uptime in seconds ("27.223") or milliseconds: time since the program started,
//                            put on the unknown day (the file says its clock is an uptime)
//   level                    mapped through `levels` first (exact, '*' = any other value), then by word
//   pri                      syslog PRI: severity = pri & 7
//   logger, source           the lane within the file (source only when the tail finds no logger)
//   status                   HTTP status: the level of access logs
//   extra                    more text for the classifier (zap console's JSON fields)
//   msg                      the message; with `tail`, the generic reader first takes a level word,
//                            a [thread] and a logger off its front
// Order matters: the first pattern that matches wins, so specific shapes come
// before the generic "timestamp, then anything" ones at the end.

import { ZONE_NAME_RE } from '../model/zone-names.ts';
import { ZONE_ID_RE } from '../model/time-zone-ids.ts';

export interface TextPattern {
  id: string;
  /** The program or convention this shape comes from. */
  note: string;
  /** Characters a matching line can start with, as a regex class body ('0-9', 'IWEF', '\\['); '' = any. */
  first: string;
  /** A substring every matching line contains: a cheap test before the regex. */
  has?: string;
  /** The pattern; {ISO}, {SYSLOG}, {CTIME}, {CLF}, {EPOCH} expand to timestamp shapes. */
  re: string;
  /** Level words of this dialect; '*' maps any other non-empty value. */
  levels?: Readonly<Record<string, number>>;
  /** The logger of lines that name none themselves (the program whose log this shape is). */
  source?: string;
  /** Run the generic level / [thread] / logger reader on the front of `msg`. */
  tail?: boolean;
  /** Only a match when the level group is a known level word (else the next pattern is tried). */
  needsLevel?: boolean;
  /**
   * A prefix around another line (syslog, journald, kubectl --timestamps,
   * console copies): a `msg` that is itself a known shape (klog, another
   * timestamp) is read as the inner record.
   */
  wrapper?: boolean;
  /**
   * Values of the level group that mark a line as the rest of the record
   * before it, though it carries its own time (PostgreSQL writes an error's
   * DETAIL:, HINT:, STATEMENT: on lines of their own, each with the prefix).
   */
  partOfPrevious?: readonly string[];
  /** The line is a header: its record's text is on the untimed lines below it (two-line-records.ts). */
  headsBody?: boolean;
  /**
   * The line states the zone of the zone-less lines around it (systemctl
   * status above journal lines): a numeric offset on it counts as the file's
   * zone evidence, as an abbreviation on any line does.
   */
  tellsZone?: boolean;
  samples: readonly string[];
}

/** syslog's facility.priority as some templates print it ("daemon.err", "kern.warning"): the priority is the line's level. */
const FACILITY_PRIORITY = String.raw`(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(?<level>emerg|alert|crit|err|error|warning|warn|notice|info|debug)`;

/** Timestamp shapes shared by the patterns. time.ts reads what they capture. */
export const TIME_MACROS: Readonly<Record<string, string>> = {
  ISO: String.raw`\d{4}(?:-\d\d-\d\d|/\d\d/\d\d|\.\d\d\.\d\d)(?:[T _]\d\d| {1,2}\d):\d\d(?::\d\d)?(?:[.,]\d+)?(?: ?[AP]M(?![\w]))?(?:[Zz]|[+-]\d\d(?::?\d\d)?(?!\d)| [+-]\d{4}(?: (?:${ZONE_NAME_RE}))?(?![\w])| [+-]\d\d(?::\d\d)?(?=[ ;]|$)| (?:${ZONE_NAME_RE})(?![\w])| (?:${ZONE_ID_RE})(?![\w/]))?(?:\[(?:${ZONE_ID_RE})\])?`,
  SYSLOG: String.raw`(?:[A-Za-z][a-z\u00e0-\u00fc]{2,4}\.?|[\u0410-\u042f\u0430-\u044f][\u0430-\u044f]{2}\.?|1?\d[\u6708\uc6d4]) {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d| (?:${ZONE_NAME_RE})(?![\w]))?(?: \d{4}(?= ))?`,
  CTIME: String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?(?: (?:${ZONE_NAME_RE}))?(?: \d{4})?`,
  CLF: String.raw`\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d(?: [+-]\d{4})?`,
  EPOCH: String.raw`\d{10}(?:\.\d{1,9})?|\d{13}`,
  /** Java util.logging / Tomcat catalina.out: "Apr 7, 2014 8:11:23 PM". */
  JUL: String.raw`(?:[A-Z][a-z]{2,8}\.?|[一二三四五六七八九十]{1,3}月) \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d(?:[.,]\d+)? ?(?:[AaPp][Mm]|[上下]午)`,
  /** Locale dates, day- or month-first: "07/03/2024, 3:52:49 PM", "03.11.2022, 10:54:40". */
  NUMDATE: String.raw`\d{1,2}(?:/\d{1,2}/|\.\d{1,2}\.|-\d{1,2}-)(?:\d{4}|\d\d),? {1,2}\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d+)?(?: ?[AaPp][Mm](?![\w]))?(?: (?:${ZONE_NAME_RE})(?![\w]))?`,
  /** MySQL / MariaDB's older "yymmdd hh:mm:ss" ("181129  1:23:23"). */
  MYSQL: String.raw`\d{6} {1,2}\d{1,2}:\d\d:\d\d`,
  /** "16-Dec-2019 16:32:50.735" (Tomcat 8+), "[01-May-2024 10:00:00 UTC]", "[19-Apr-2023 01:30:56 Europe/Bucharest]" (PHP). */
  DMONY: String.raw`\d{1,2}(?:-[A-Z][a-z]{2}-| [A-Z][a-z]{2} )\d{4} \d\d:\d\d:\d\d(?:[.,]\d+)?(?: (?:${ZONE_NAME_RE})(?![\w])| (?:${ZONE_ID_RE})(?![\w/]))?`,
};

/** The parts of a PostgreSQL message written after its first line, each on a line with the prefix again. */
const PG_PARTS = ['STATEMENT', 'DETAIL', 'HINT', 'CONTEXT', 'QUERY', 'LOCATION'];

/** HAProxy's labels: upper case from the core, lower case from Lua's core.log. */
const HAPROXY_LEVELS = 'ALERT|WARNING|NOTICE|EMERG|emerg|alert|crit|err|warning|notice|info|debug';
const HAPROXY_LEVEL_MAP = { EMERG: 6, ALERT: 5, WARNING: 4, NOTICE: 3, emerg: 6, alert: 5, crit: 5, err: 5, warning: 4, notice: 3, info: 3, debug: 2 } as const;

const LETTER_LEVELS = { V: 1, T: 1, D: 2, I: 3, W: 4, E: 5, F: 6, A: 6 } as const;

export const TEXT_PATTERNS: readonly TextPattern[] = [
  {
    id: 'cockroach',
    note: 'CockroachDB: a level letter, then yymmdd (klog with the year), the goroutine, file:line, a ⋮ redaction marker and [tags]',
    first: 'IWEF',
    re: String.raw`^(?<level>[IWEF])(?<y2>\d\d)(?<M>\d\d)(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))? +\d+ (?:@|(?<logger>[\w./-]+:\d+)) +(?:⋮ +)?(?<msg>.*)$`,
    levels: LETTER_LEVELS,
    samples: [
      'F240502 23:55:46.268103 338424495 storage/pebble.go:1525 ⋮ [n2,s2,pebble] 549369  file write stall detected: disk slowness detected',
      'W180315 10:02:11.114325 123 storage/replica_range_lease.go:554  [n1,s1,r7/1:/Table/{SystemCon…-11}] have been waiting 1m0s attempting to acquire lease',
    ],
  },
  {
    id: 'klog',
    note: 'Kubernetes klog / glog: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg',
    first: 'IWEF',
    re: String.raw`^(?<level>[IWEF])(?<M>\d\d)(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))? +\d+ [^ \]]+\] ?(?<msg>.*)$`,
    levels: LETTER_LEVELS,
    samples: [
      'I0516 18:34:04.558677   12345 controller.go:123] "Starting workers" controller="deployment" count=5',
      'E0807 11:44:13.480966      10 webhook.go:154] Failed to make webhook authenticator request: unknown',
    ],
  },
  {
    id: 'jul-header',
    note: 'Java util.logging SimpleFormatter / Tomcat catalina.out, first line: time class method (the level and message follow on the next line); in a Chinese locale too',
    first: 'A-Z一二三四五六七八九十',
    re: String.raw`^(?<ts>{JUL}) (?<logger>[\w$.]+)(?: (?<msg>[\w$<>]+))?$`,
    samples: ['May 16, 2020 3:57:52 AM org.apache.catalina.startup.VersionLoggerListener log', 'Apr 7, 2014 8:11:23 PM org.apache.catalina.core.StandardService startInternal', '十一月 07, 2018 3:07:45 下午 org.apache.catalina.startup.Catalina start'],
  },
  {
    id: 'tomcat',
    note: 'Tomcat 8+ OneLineFormatter: dd-MMM-yyyy HH:mm:ss.SSS LEVEL [thread] logger.method msg',
    first: '0-9',
    re: String.raw`^(?=\d\d-[A-Z][a-z]{2}-)(?<ts>{DMONY}) (?<level>[A-Z]+) \[(?<thread>[^\]]*)\] (?<logger>\S+) (?<msg>.*)$`,
    levels: { SEVERE: 5, WARNING: 4, INFO: 3, CONFIG: 2, FINE: 2, FINER: 1, FINEST: 1 },
    samples: ['03-Dec-2020 11:41:05.692 INFO [Thread-3] org.apache.coyote.AbstractProtocol.pause Pausing ProtocolHandler ["http-nio-8080"]', '29-May-2019 20:26:33.556 WARNING [main] org.apache.tomcat.util.digester.SetPropertiesRule.begin Setting property did not find a matching property.'],
  },
  {
    id: 'php-fpm',
    note: "php-fpm's own log: [dd-Mmm-yyyy hh:mm:ss(.uuuuuu)] LEVEL: (pid N, function(), line N: ) msg",
    first: '\\[',
    re: String.raw`^\[(?<ts>{DMONY})\] (?<level>DEBUG|NOTICE|WARNING|ERROR|ALERT): (?<msg>.*)$`,
    samples: ['[30-Jan-2024 07:31:43] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it', '[12-Mar-2021 11:02:17.418023] DEBUG: pid 57, fpm_children_make(), line 421: [pool www] child 91 started'],
  },
  {
    id: 'php-error',
    note: 'PHP error_log: [dd-Mmm-yyyy HH:MM:SS zone] PHP Fatal error:  msg',
    first: '\\[',
    re: String.raw`^\[(?<ts>{DMONY})\] (?<msg>(?:PHP )?(?:(?<level>Fatal error|Parse error|Warning|Notice|Deprecated)\b)?.*)$`,
    levels: { 'Fatal error': 6, 'Parse error': 6, Warning: 4, Notice: 3, Deprecated: 3 },
    samples: ['[01-May-2024 10:00:00 UTC] PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/db.php:12', '[07-Mar-2024 16:02:11 Europe/Lisbon] PHP Warning:  session_start(): open(/var/lib/php/sessions/sess_x, O_RDWR) failed: No space left on device (28)'],
  },
  {
    id: 'samba',
    note: "Samba's debug header: the time, the debug level (0 an error, 1 a warning, 2-3 notices, more is debugging) and where in the source (kept as searchable text); the message is on the indented lines below",
    first: '\\[',
    re: String.raw`^\[(?<ts>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?), +(?<level>\d{1,2})(?:, [^\]]{1,160})?\] (?<extra>\S+\(\w+\))$`,
    levels: { '0': 5, '1': 4, '2': 3, '3': 3, '*': 2 },
    headsBody: true,
    samples: [
      '[2025/01/16 10:48:01.199888,  0] ../../source3/smbd/server.c:981(smbd_accept_connection)',
      '[2019/03/07 09:43:34.566426,  3, pid=2911, effective(0, 0), real(0, 0)] ../source3/smbd/service.c:1114(make_connection_snum)',
    ],
  },
  {
    id: 'elasticsearch',
    note: 'Elasticsearch 1.x to 7.x log4j layout: [time][LEVEL ][logger padded] [node] msg (no space between the brackets)',
    first: '\\[',
    re: String.raw`^\[(?<ts>{ISO})\]\[(?<level>[A-Z]+) *\]\[(?<logger>[^\]]*)\] ?(?<msg>.*)$`, // the runner trims the padded logger (a lazy group before " *" would be quadratic)
    samples: [
      '[2016-08-02 09:12:47,331][WARN ][monitor.jvm              ] [es-data-3] [gc][old][88412][95] duration [31.2s], collections [1]/[31.9s]',
      '[2019-11-04T06:30:12,118][INFO ][o.e.n.Node               ] [node-1] started',
    ],
  },
  {
    id: 'rabbitmq-report',
    note: 'Erlang/OTP error_logger reports as RabbitMQ before 3.7 writes them: a header with the time, the report on the lines below',
    first: '=',
    re: String.raw`^=(?<level>[A-Z]+(?: [A-Z]+)?) REPORT={4} (?<D>\d{1,2})-(?<mon>[A-Z][a-z]{2})-(?<Y>\d{4})::(?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))? ===$`,
    levels: { ERROR: 5, CRASH: 5, SUPERVISOR: 5, WARNING: 4, INFO: 3, PROGRESS: 2 },
    headsBody: true,
    samples: ['=ERROR REPORT==== 14-Feb-2018::09:41:07 ===', '=INFO REPORT==== 3-Mar-2023::22:10:05.514027 ==='],
  },
  {
    id: 'tai64n',
    note: 'daemontools / s6-log / runit svlogd -t: a TAI64N label (@ and 24 hex digits), then the line as the program wrote it',
    first: '@',
    re: String.raw`^@(?<tai>[0-9a-fA-F]{24})(?: +|$)(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: ['@4000000065b8a47d2f3c1a08 s6-rc: info: service nginx successfully started', '@4000000065b8a47e0a1b2c3d [30-Jan-2024 07:31:43] NOTICE: fpm is running, pid 211'],
  },
  {
    id: 'time-label-header',
    note: 'a record whose time sits on a labelled line of its own ("Time: 18:27:32 PDT 04/30/2018", MinIO before 2019), the record\'s text on the untimed lines below',
    first: 'T',
    has: 'Time: ',
    re: String.raw`^Time: (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))? (?<tz>${ZONE_NAME_RE}|[+-]\d{4}) (?<M>\d\d)/(?<D>\d\d)/(?<Y>\d{4})$`,
    headsBody: true,
    samples: ['Time: 18:27:32 PDT 04/30/2018', 'Time: 09:01:02 UTC 01/15/2019'],
  },
  {
    id: 'journalctl-header',
    note: "journalctl's first line says when the journal begins (and, but for a followed journal, when it ends), with full dates: pasted above year-less syslog-style lines, it is what tells their year (and zone)",
    first: '-LJ',
    has: ' at ',
    re: String.raw`^(?:-- )?(?<msg>(?:Logs|Journal) begins? at (?<dow>[^\s\d]{1,4}) (?<ts>{ISO})(?:, ends? at .*?|\.))(?: --)?$`,
    levels: { '*': 3 },
    tellsZone: true,
    samples: ['Logs begin at Tue 2020-06-09 14:48:54 UTC, end at Tue 2020-06-09 14:53:20 UTC. --', '-- Journal begins at Mon 2021-11-29 10:01:02 CET, ends at Fri 2022-01-07 09:00:00 CET. --', '-- Logs begin at Fri 2022-05-06 20:44:39 UTC. --'],
  },
  {
    id: 'windows-event-log-name',
    note: "Windows Event Viewer's 'Copy details as text': Log Name: opens an entry, and the Source:, Date:, Event ID:, Level: and Description: lines below it are the same record (two-line-records.ts)",
    first: 'L',
    has: 'Log Name:',
    re: String.raw`^(?<msg>Log Name: +\S.*)$`,
    samples: ['Log Name:      Application', 'Log Name:      System'],
  },
  {
    id: 'windows-event-date',
    note: "Windows Event Viewer's Date: line, in the machine's locale (day- or month-first as the file's dates tell, 24- or 12-hour) and without a zone",
    first: 'D',
    has: 'Date:',
    re: String.raw`^(?<msg>Date: +(?<ts>{NUMDATE}|{ISO})) *$`,
    samples: ['Date:          20/11/2023 18:37:22', 'Date:          7/5/2018 10:08:35 AM', 'Date:          2024-03-02T14:05:11.204'],
  },
  {
    id: 'systemctl-unit',
    note: "systemctl status: the unit's first line (no time); it heads the status block, whose Active: line below gives it its time",
    first: '*\u25cf\u25cb\u00d7',
    re: String.raw`^(?:[\u25cf\u25cb\u00d7*]) (?<msg>[\w@:.\\-]+\.(?:service|socket|timer|mount|target|path|scope|slice|swap|automount) - .*)$`,
    samples: ['● nginx.service - A high performance web server and a reverse proxy server', '× php-fpm.service - The PHP FastCGI Process Manager'],
  },
  {
    id: 'systemctl-active',
    note: "systemctl status: the unit's state line says since when (the journal lines below it follow); the weekday is in the machine's language (Tue, Di, mar., 日, 화, Вт)",
    first: ' A',
    has: 'since',
    re: String.raw`^ *(?<msg>Active: (?<level>active|inactive|failed|activating|deactivating|reloading) \([^)]*\) since (?<dow>[^\s\d]{1,4}) (?<ts>{ISO})(?:;.*)?)$`,
    levels: { failed: 5, '*': 3 },
    tellsZone: true,
    samples: ['   Active: failed (Result: exit-code) since Tue 2021-06-15 04:12:09 UTC; 3min 2s ago', '     Active: active (running) since Mon 2024-03-04 10:00:01 CET; 2 days ago',
      '     Active: failed (Result: exit-code) since Sat 2024-11-02 06:41:17 -03; 12s ago',
      '   Active: failed (Result: exit-code) since 四 2023-03-02 09:15:40 CST; 6min ago',
      '     Active: active (running) since Di 2024-01-16 08:02:13 CET; 1h 4min ago',
    ],
  },
  {
    id: 'jvm-unified',
    note: 'JVM unified logging (-Xlog, JDK 9+) with a wall-clock decoration first: [time][uptime...][level ][tags ] msg',
    first: '\\[',
    re: String.raw`^\[(?<ts>{ISO})\](?:\[[^\]]*\])*?\[(?<level>trace|debug|info|warning|error) *\]\[(?<logger>[a-z0-9,]+) *\] ?(?<msg>.*)$`,
    samples: ['[2023-02-14T10:22:31.418+0000][12.074s][info][gc] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 412M->96M(1024M) 14.217ms'],
  },
  {
    id: 'jvm-unified-uptime',
    note: "JVM unified logging with only the uptime decoration (-Xlog:gc's default): [12.074s][level ][tags ] msg, seconds since the JVM started",
    first: '\\[',
    re: String.raw`^\[(?:(?<up>\d+\.\d{3})s|(?<upms>\d+)ms)\](?:\[[^\]]*\])*?\[(?<level>trace|debug|info|warning|error) *\]\[(?<logger>[a-z0-9,]+) *\] ?(?<msg>.*)$`,
    samples: ['[12.074s][info][gc,start    ] GC(8) Pause Young (Normal) (G1 Evacuation Pause)', '[340187ms][warning][gc,alloc] Allocation Failure, heap nearly full'],
  },
  {
    id: 'jvm-gc-uptime',
    note: 'JDK 8 GC log without -XX:+PrintGCDateStamps: seconds since the JVM started, then the collection',
    first: '0-9',
    re: String.raw`^(?<up>\d+\.\d{3}): (?<msg>\[(?:Full )?GC[ (].*)$`,
    samples: ['84.339: [GC (Allocation Failure) [PSYoungGen: 524800K->43502K(611840K)] 524800K->43518K(2010112K), 0.0470171 secs]'],
  },
  {
    id: 'v8-gc-trace',
    note: "V8's GC trace (Node's \"Last few GCs\" before a heap OOM): [pid:isolate] milliseconds since the isolate started: collection",
    first: '\\[',
    re: String.raw`^\[\d+:0x[0-9a-f]+\] +(?<upms>\d+) ms: (?<msg>.*)$`,
    samples: ['[18214:0x5b3c2e0]   482113 ms: Scavenge 2041.2 (2079.6) -> 2037.9 (2080.1) MB, 6.1 / 0.0 ms  (average mu = 0.211, current mu = 0.094) allocation failure'],
  },
  {
    id: 'dmesg',
    note: 'the kernel ring buffer (dmesg, console): [seconds.micros since boot] msg',
    first: '\\[',
    re: String.raw`^\[ *(?<up>\d+\.\d{6})\] (?<msg>.*)$`,
    tail: true,
    samples: ['[ 8113.204557] Out of memory: Killed process 2291 (java) total-vm:8123456kB, anon-rss:3990120kB', '[1523662.017351] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0'],
  },
  {
    id: 'talosctl-dmesg',
    note: "talosctl dmesg: the node, the kernel's facility and level, then the time in brackets (NODE: kern:   alert: [time]: msg); the node is the lane",
    first: '0-9a-zA-Z',
    has: ': [',
    re: String.raw`^(?<source>[\w.:-]{1,64}): (?<logger>kern|user|daemon|auth|syslog|authpriv|local[0-7]): +(?<level>emerg|alert|crit|err|warning|warn|notice|info|debug): \[(?<ts>{ISO})\]: (?<msg>.*)$`,
    samples: [
      '109.200.197.196: kern:   alert: [2024-05-13T15:13:11.99476118Z]: XFS (sdb6): log I/O error -5',
      '172.20.0.2: kern:    info: [2024-04-16T18:19:30.92421418Z]: XFS (sdb5): Ending clean mount',
    ],
  },
  {
    id: 'nest',
    note: 'NestJS ConsoleLogger: [Nest] pid  - locale date, time     LEVEL [Context] msg +Nms',
    first: '\\[',
    has: '[Nest]',
    re: String.raw`^\[Nest\] \d+ +- (?<ts>{NUMDATE}) +(?<level>[A-Z]+) \[(?<logger>[^\]]*)\] (?<msg>.*)$`,
    levels: { LOG: 3, ERROR: 5, WARN: 4, DEBUG: 2, VERBOSE: 1, FATAL: 6 },
    samples: ['[Nest] 19096  - 07/03/2024, 3:52:49 PM     LOG [NestFactory] Starting Nest application...', '[Nest] 64686  - 03.11.2022, 10:54:40   ERROR [ExceptionHandler] connect ECONNREFUSED 127.0.0.1:5432'],
  },
  {
    id: 'mysql',
    note: 'MySQL / MariaDB error log: time thread [Note|Warning|ERROR] [MY-code] [subsystem] msg; also the older yymmdd hh:mm:ss',
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}|{MYSQL}) +(?:\d+ )?\[(?<level>Note|Warning|ERROR|Error|System)\](?: \[MY-\d+\])?(?: \[(?<logger>[^\]]+)\])?:? (?<msg>.*)$`,
    levels: { Note: 3, System: 3, Warning: 4, ERROR: 5, Error: 5 },
    samples: ['2020-10-10  9:57:33 0 [Note] /usr/bin/mysqld: ready for connections.', '181129  1:23:23 [ERROR] mysqld got signal 11 ;', '2024-05-01T10:00:00.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process 1'],
  },
  {
    id: 'ruby-logger',
    note: "Ruby's Logger default: I, [time #pid]  INFO -- progname: msg",
    first: 'DIWEFAU',
    re: String.raw`^[DIWEFAU], \[(?<ts>{ISO}) #\d+\] +(?<level>[A-Z]+) -- (?<logger>[^:]*?): (?<msg>.*)$`,
    samples: [
      'I, [2024-05-01T10:00:00.123456 #4242]  INFO -- : Started GET "/health" for 10.0.0.7',
      'E, [2024-05-01T10:00:02.500000 #4242] ERROR -- worker: job 17 failed: Redis::TimeoutError',
    ],
  },
  {
    id: 'zookeeper-c',
    note: 'ZooKeeper C client: time:pid(0xthread):ZOO_LEVEL@function@line: msg',
    first: '0-9',
    has: ':ZOO_',
    re: String.raw`^(?<ts>{ISO}):(?<pid>\d+)(?:\(0x[0-9a-fA-F]+\))?:ZOO_(?<level>[A-Z]+)@(?<logger>\w+)@\d+: (?<msg>.*)$`,
    samples: [
      '2013-01-31 12:00:48,041:29874(0x7f3e7bfff700):ZOO_ERROR@handle_socket_error_msg@1697: Socket [127.0.0.1:2181] zk retcode=-4, errno=111(Connection refused): server refused to accept the client',
      '2013-01-31 12:00:46,027:29874:ZOO_INFO@zookeeper_init@786: Initiating client connection, host=127.0.0.1:2181 sessionTimeout=30000',
    ],
  },
  {
    id: 'pg-angle-prefix',
    note: "PostgreSQL with log_line_prefix = '< %m >' (or '<%t [%p]>'): the time in angle brackets, then LOG: / FATAL: ...",
    first: '<',
    re: String.raw`^< ?(?<ts>{ISO})(?: [^<>]*?)? ?> ?(?:(?<level>STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION): +)?(?<msg>.*)$`,
    levels: { STATEMENT: 3, DETAIL: 3, HINT: 3, CONTEXT: 3, QUERY: 3, LOCATION: 3 },
    partOfPrevious: PG_PARTS,
    tail: true,
    samples: [
      '< 2019-12-05 10:17:05.994 MSK > FATAL:  could not receive data from WAL stream: ERROR:  requested WAL segment 000000520000012B00000081 has already been removed',
      '<2021-03-02 09:12:44 UTC [4711]> LOG:  database system is ready to accept connections',
    ],
  },
  {
    id: 'syslog-5424',
    note: 'RFC 5424 syslog: <PRI>1 time host app procid msgid [sd] msg',
    first: '<',
    re: String.raw`^<(?<pri>\d{1,3})>1 (?:(?<ts>{ISO})|-) (?<host>\S+) (?<logger>\S+) (?<pid>\S+) \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?(?<msg>.*)$`,
    wrapper: true,
    samples: [
      '<165>1 2024-05-01T10:00:00.003Z edge-1 proxy 8710 ID47 [origin ip="10.0.0.1"] upstream timed out',
      '<11>1 2024-05-01T10:00:01+02:00 edge-1 proxy - - - route table reloaded',
    ],
  },
  {
    id: 'syslog-3164-pri',
    note: 'RFC 3164 syslog as sent on the wire: <PRI>Mmm dd hh:mm:ss host ident[pid]: msg',
    first: '<',
    re: String.raw`^<(?<pri>\d{1,3})>(?<ts>{SYSLOG}) (?<host>\S+) (?<logger>[^\s:[]+)(?:\[(?<pid>\d+)\])?: ?(?<msg>.*)$`,
    wrapper: true,
    samples: ['<30>May  1 10:00:00 edge-1 nginx[311]: reloading configuration'],
  },
  {
    id: 'bgl',
    note: 'Blue Gene/L RAS log (loghub): alert epoch date node time node type component LEVEL msg',
    first: '\\-A-Z',
    re: String.raw`^[-A-Z][\w-]* (?<epoch>\d{10}) \d{4}\.\d\d\.\d\d \S+ \d{4}-\d\d-\d\d-\d\d\.\d\d\.\d\d\.(?<frac>\d{1,9}) \S+ \S+ (?<logger>\S+) (?<level>[A-Z]+) (?<msg>.*)$`,
    samples: [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt',
    ],
  },
  {
    id: 'thunderbird',
    note: 'Thunderbird supercomputer syslog (loghub): alert epoch date node syslog-line; alert "-" is none',
    first: '\\-A-Z',
    re: String.raw`^(?<level>-|[A-Z][\w-]*) (?<epoch>\d{10}) \d{4}\.\d\d\.\d\d \S+ [A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d \S+ (?<logger>[^\s:[]+)(?:\[\d+\])?:? ?(?<msg>.*)$`,
    levels: { '-': 0, '*': 5 },
    samples: [
      '- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root',
      'VAPI 1131567000 2005.11.09 tbird-admin1 Nov 9 12:10:00 local@tbird-admin1 postfix/postdrop[10896]: warning: unable to look up public/pickup',
    ],
  },
  {
    id: 'hpc',
    note: 'HPC cluster event log (loghub): id node component event epoch flag msg',
    first: '0-9',
    re: String.raw`^\d+ \S+ (?<logger>\S+) \S+ (?<epoch>\d{10}) -?\d+ (?<msg>.*)$`,
    samples: ['134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=1973)'],
  },
  {
    id: 'hdfs',
    note: 'Hadoop HDFS (loghub): yyMMdd HHmmss pid LEVEL logger: msg',
    first: '0-9',
    re: String.raw`^(?<y2>\d\d)(?<M>\d\d)(?<D>\d\d) (?<h>\d\d)(?<m>\d\d)(?<s>\d\d) \d+ (?<level>[A-Z]+) (?<logger>[^\s:]+): (?<msg>.*)$`,
    samples: ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating'],
  },
  {
    id: 'logcat-time',
    note: 'Android logcat -v time: MM-DD hh:mm:ss.mmm L/tag( pid): msg (no year)',
    first: '0-9',
    re: String.raw`^(?<M>\d\d)-(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)\.(?<frac>\d{3}) (?<level>[VDIWEFA])/(?<logger>[^(]*?) *\( *\d+\): (?<msg>.*)$`,
    levels: LETTER_LEVELS,
    samples: ['12-02 09:30:06.406 F/libc    ( 5059): Fatal signal 11 (SIGSEGV), code 1, fault addr 0x0 in tid 5642 (CBLRequestWorke)', '12-02 09:30:05.118 I/ActivityManager(  812): Start proc com.example for activity'],
  },
  {
    id: 'logcat',
    note: 'Android logcat -v threadtime: MM-DD hh:mm:ss.mmm pid tid L tag: msg (no year)',
    first: '0-9',
    re: String.raw`^(?<M>\d\d)-(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)\.(?<frac>\d{3}) +\d+ +\d+ (?<level>[VDIWEFA]) (?<logger>.*?) *: (?<msg>.*)$`,
    levels: LETTER_LEVELS,
    samples: [
      '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogsopening app wtoken = AppWindowToken{9f4ef63}',
      '03-17 16:15:01.002  1702  1820 E ActivityManager: ANR in com.example.app',
    ],
  },
  {
    id: 'healthapp',
    note: 'HealthApp (loghub): yyyyMMdd-H:m:s:SSS|component|pid|msg, fields not zero-padded',
    first: '0-9',
    re: String.raw`^(?<Y>\d{4})(?<M>\d\d)(?<D>\d\d)-(?<h>\d{1,2}):(?<m>\d{1,2}):(?<s>\d{1,2}):(?<ms>\d{1,3})\|(?<logger>[^|]*)\|\d+\|(?<msg>.*)$`,
    samples: [
      '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579',
      '20171223-22:18:2:7|Step_SPUtils|30002312|setTodayTotalDetailSteps=1514038440000##7007##548365##8661##12361##27173954',
    ],
  },
  {
    id: 'proxifier',
    note: 'Proxifier (loghub): [MM.DD hh:mm:ss] program - msg (no year)',
    first: '\\[',
    re: String.raw`^\[(?<M>\d\d)\.(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)\] (?<logger>\S+(?: \*\d+)?) - (?<msg>.*)$`,
    samples: ['[10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'],
  },
  {
    id: 'uwsgi-request',
    note: "uWSGI's request log: [pid|app|req] client () {vars} [ctime] method path => generated ... (HTTP/1.1 status)",
    first: '\\[',
    has: '[pid: ',
    re: String.raw`^\[pid: (?<pid>\d+)\|app: [^|\]]*\|req: [^\]]*\] \S+ \([^)]*\) \{[^}]*\} \[(?<ts>{CTIME})\] (?<msg>.*?(?:\(HTTP/[\d.]+ (?<status>\d{3})\).*)?)$`,
    samples: [
      '[pid: 1412|app: 0|req: 88/301] 10.20.0.7 () {42 vars in 702 bytes} [Tue Mar  5 09:41:02 2019] POST /api/upload => generated 0 bytes in 60012 msecs (HTTP/1.1 502) 2 headers in 71 bytes (1 switches on core 1)',
      '[pid: 9|app: 0|req: 1/1] 172.18.0.1 (alice) {36 vars in 512 bytes} [Wed Jun 12 14:03:55 2024] GET /healthz => generated 2 bytes in 3 msecs (HTTP/1.1 200) 3 headers in 95 bytes (1 switches on core 0)',
    ],
  },
  {
    id: 'uwsgi-banner',
    note: "uWSGI's start banner, the one line of its start-up that carries a time",
    first: '*',
    has: 'Starting uWSGI',
    re: String.raw`^\*\*\* (?<msg>Starting uWSGI .* on \[(?<ts>{CTIME})\]) \*\*\*$`,
    samples: ['*** Starting uWSGI 2.0.21 (64bit) on [Tue Mar  5 09:40:01 2019] ***'],
  },
  {
    id: 'apache-error',
    note: 'Apache httpd error log, 2.2 and 2.4: [ctime] [module:level] [pid n] msg',
    first: '\\[',
    re: String.raw`^\[(?<ts>{CTIME})\] \[(?:(?<logger>[\w-]+):)?(?<level>[a-z]+)\d?\] (?:\[pid \d+[^\]]*\] )?(?:\[client [^\]]*\] )?(?<msg>.*)$`,
    samples: [
      '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6',
      '[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico',
    ],
  },
  {
    id: 'envoy-access',
    note: 'Envoy / Istio default text access log: [START_TIME] "METHOD PATH PROTO" CODE FLAGS ...',
    first: '\\[',
    has: '] "',
    re: String.raw`^\[(?<ts>{ISO})\] (?<msg>"[^"]*" (?<status>\d{3}) .*)$`,
    samples: ['[2024-05-01T10:00:00.118Z] "GET /api/orders HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 30001 - "-" "curl/8.5.0" "5735b2d0" "orders:8080" "10.0.3.4:8080"'],
  },
  {
    id: 'caddy-v1-error',
    note: 'Caddy 1 errors directive: CLF time, then [LEVEL status path] and the error',
    first: '0-9',
    has: ' [',
    re: String.raw`^(?<ts>{CLF}) (?<msg>\[(?<level>ERROR|WARNING|NOTICE|INFO|DEBUG)(?: (?<status>\d{3}))?(?: [^\]]*)?\] .*)$`,
    samples: ['29/Jan/2016:15:17:26 +0100 [ERROR 502 /index.php] dial tcp 127.0.0.1:9000: connection refused', '12/Mar/2017:09:41:02 +0000 [NOTICE 404 /favicon.ico] not found'],
  },
  {
    id: 'clf',
    note: 'Apache / nginx common and combined log format (status gives the level)',
    first: '',
    has: '] "',
    re: String.raw`^(?:\S+ )?\S+ \S+ \S+ \[(?<ts>{CLF})\] (?<msg>"(?:[^"\\]|\\.)*" (?<status>\d{3}) .*)$`,
    samples: [
      '10.0.0.7 - frank [01/May/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 2326',
      '203.0.113.9 - - [01/May/2024:10:00:03 +0200] "POST /api/login HTTP/2.0" 502 157 "https://shop.example/" "Mozilla/5.0"',
      'shop.example:443 203.0.113.9 - - [01/May/2024:10:00:04 +0000] "GET / HTTP/1.1" 404 0 "-" "curl/8.5.0"',
    ],
  },
  {
    id: 'monolog',
    note: 'PHP Monolog / Laravel: [time] channel.LEVEL: message {context} [extra]',
    first: '\\[',
    re: String.raw`^\[(?<ts>{ISO})\] (?<logger>[\w.-]+)\.(?<level>[A-Z]+): (?<msg>.*)$`,
    samples: ['[2024-05-01 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused {"exception":"[object] (PDOException(code: 2002))"} []'],
  },
  {
    id: 'logrus-tty',
    note: 'logrus TextFormatter on a terminal with FullTimestamp: LEVL[time] msg key=value',
    first: 'A-Z',
    re: String.raw`^(?<level>[A-Z]{4})\[(?<ts>{ISO})\] (?<msg>.*)$`,
    samples: ['WARN[2024-05-01T10:00:00Z] Failed to DeletePod in the provider         error="pod not found"'],
  },
  {
    id: 'logrus-uptime',
    note: "logrus TextFormatter on a terminal without FullTimestamp: LEVL[seconds since the program started] msg key=value (only logrus's own four-letter levels, so other bracketed numbers are not read as clocks)",
    first: 'DEFIPTW',
    re: String.raw`^(?<level>TRAC|DEBU|INFO|WARN|ERRO|FATA|PANI)\[(?<up>\d{4,})\] (?<msg>.*)$`,
    samples: ['ERRO[0004] error waiting for container: context canceled', 'INFO[0000] Loading containers: start.', 'WARN[0123] Health check for container 3f2a failed         error="timed out"'],
  },
  {
    id: 'aws-alb',
    note: 'AWS ALB / ELB access log: type time elb client target times elb_status target_status bytes "request" ...',
    first: 'a-z',
    re: String.raw`^(?:https?|h2|grpcs|wss?) (?<ts>{ISO}) (?<logger>\S+) \S+ \S+ \S+ \S+ \S+ (?<status>\d{3}) \S+ \d+ \d+ (?<msg>".*)$`,
    samples: ['https 2024-05-01T10:00:30.123456Z app/shop-alb/50dc6c495c0c9188 203.0.113.9:2817 10.0.3.4:8080 0.000 30.001 -1 504 - 34 366 "GET https://shop.example.com:443/api/orders HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2'],
  },
  {
    id: 'redis',
    note: 'Redis server log: pid:role dd Mmm yyyy hh:mm:ss.mmm level-mark msg (. debug, - verbose, * notice, # warning)',
    first: '0-9\\[',
    re: String.raw`^(?:\d+:[XCSM]|\[\d+\]) (?<D>\d{1,2}) (?<mon>[A-Z][a-z]{2}) (?:(?<Y>\d{4}) )?(?<h>\d\d):(?<m>\d\d):(?<s>\d\d)\.(?<frac>\d{1,6}) (?<level>[.*#-]) (?<msg>.*)$`,
    levels: { '.': 2, '-': 2, '*': 3, '#': 4 },
    samples: ['1:M 25 Apr 2024 05:32:35.019 * Ready to accept connections tcp', '4721:M 02 Mar 11:20:07.311 * DB saved on disk', '1:C 25 Apr 2024 05:32:35.018 # Warning: no config file specified, using the default config', '[5120] 09 Feb 14:03:27.806 # Server started, Redis version 3.0.504 (Windows port: [pid] instead of pid:role)'],
  },
  {
    id: 'haproxy-stderr',
    note: "HAProxy's own messages (and Lua's) on stderr: [LEVEL] ddd/hhmmss (pid) : msg, ddd the day of the year from 0 (no year, local time)",
    first: '\\[',
    re: String.raw`^\[(?<level>${HAPROXY_LEVELS})\] +(?<yday>\d{3})\/(?<h>\d\d)(?<m>\d\d)(?<s>\d\d) +\((?<pid>\d+)\) : (?<msg>.*)$`,
    levels: HAPROXY_LEVEL_MAP,
    samples: ['[WARNING] 035/080449 (1) : Server api/api-2 is DOWN, reason: Layer4 connection problem, info: "Connection refused".', '[info] 040/231510 (8) : lua: health hook ran'],
  },
  {
    id: 'haproxy-stderr-untimed',
    note: 'HAProxy 2.3 and later on stderr: [LEVEL]  (pid) : msg, no time',
    first: '\\[',
    re: String.raw`^\[(?<level>${HAPROXY_LEVELS})\] +\((?<pid>\d+)\) : (?<msg>.*)$`,
    levels: HAPROXY_LEVEL_MAP,
    samples: ["[ALERT]    (301) : backend 'api' has no server available!"],
  },
  {
    id: 'zone-first',
    note: 'sing-box: the zone before the date (-0700 yyyy-MM-dd hh:mm:ss LEVEL msg)',
    first: '+\\-',
    re: String.raw`^(?<tz>[+-]\d{4}) (?<Y>\d{4})-(?<M>\d\d)-(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:[.,](?<frac>\d{1,9}))? (?<level>[A-Z]+) (?<msg>.*)$`,
    samples: ['+0200 2024-11-02 07:01:00.417 WARN outbound/direct: dial timeout', '+0800 2025-04-30 18:57:29 ERROR [1619067398 5.1s] dns: exchange failed for example.org. IN AAAA: i/o timeout', '-0500 2024-11-02 07:01:00 INFO inbound/mixed[0]: tcp server started at 127.0.0.1:2080'],
  },
  {
    id: 'nginx-error',
    note: 'nginx error log: yyyy/MM/dd hh:mm:ss [level] pid#tid: *conn msg',
    first: '0-9',
    re: String.raw`^(?<ts>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) \[(?<level>[a-z]+)\] \d+#\d+: (?:\*\d+ )?(?<msg>.*)$`,
    samples: ['2024/05/01 10:00:05 [error] 31#31: *771 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.7'],
  },
  {
    id: 'squid-cache',
    note: 'squid cache.log: yyyy/MM/dd hh:mm:ss then "|" (3.x) or " kidN|" (4.x and later, the process) then the message',
    first: '0-9',
    has: '|',
    re: String.raw`^(?<ts>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d+)?)(?: (?<logger>kid\d+))?\| ?(?<msg>.*)$`,
    tail: true,
    samples: ['2019/08/14 16:02:31| WARNING: Disk space over limit: 10485760 KB > 10240000 KB', '2022/11/03 21:47:05 kid1| Accepting HTTP Socket connections at conn3 local=[::]:3128 remote=[::] FD 18 flags=9'],
  },
  {
    id: 'lambda',
    note: 'AWS Lambda runtime text: time \\t request id \\t LEVEL \\t msg',
    first: '0-9',
    has: '\t',
    re: String.raw`^(?<ts>{ISO})\t[0-9a-f]{8}-[0-9a-f-]{27}\t(?<level>[A-Z]+)\t(?<msg>.*)$`,
    samples: ['2024-05-01T10:00:00.120Z\t6f1c2a9e-3b1d-4c55-9a41-2f0f1b7c9d10\tERROR\tInvoke Error: connect ETIMEDOUT 10.0.0.12:5432'],
  },
  {
    id: 'zap-console',
    note: 'zap console encoder: time \\t LEVEL \\t [logger \\t] [caller \\t] msg [\\t {fields}]',
    first: '0-9',
    has: '\t',
    re: String.raw`^(?<ts>{ISO})\t(?<level>[A-Za-z]+)\t(?:(?<logger>[^\t]+)\t(?=[^\t]+:\d+\t))?(?:[^\t ]+:\d+\t)?(?<msg>.*?)(?:\t(?<extra>\{.*\}))?$`,
    samples: [
      '2024-05-01T10:00:00.856Z\terror\tinternal/queue_sender.go:128\tExporting failed. Dropping data.\t{"error": "context deadline exceeded"}',
      '2024-05-01T10:00:00.854Z\tinfo\tMetrics\t{"resource metrics": 3}',
      '2024-05-01T10:00:01.001+0200\tINFO\tproxy.admin\tadmin/server.go:88\tadmin endpoint started\t{"address": "localhost:2019"}',
    ],
  },
  {
    id: 'zap-console-spaces',
    note: 'zap development console with tabs expanded: time  LEVEL  caller  msg  {fields}',
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) {2,}(?<level>[A-Z]+) {2,}[^\s]+:\d+ {2,}(?<msg>.*?)(?: {2,}(?<extra>\{.*\}))?$`,
    samples: ['2021-02-05T12:41:49.059-0700    ERROR   zapper/zapper.go:18     some message 2   {"rand_index": 3}'],
  },
  {
    id: 'spring-boot',
    note: 'Spring Boot default console: time  LEVEL pid --- [thread] logger : msg',
    first: '0-9',
    has: ' --- ',
    re: String.raw`^(?<ts>{ISO}) +(?<level>[A-Z]+) +\d+ --- (?:\[[^\]]*\] )?\[ *[^\]]*\] (?<logger>\S+) *: (?<msg>.*)$`,
    samples: ['2024-05-01 10:00:00.123  INFO 4242 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http)'],
  },
  {
    id: 'python-dashes',
    note: "Python logging '%(asctime)s - %(name)s - %(levelname)s - %(message)s', also with '%(lineno)d' after the name (Synapse)",
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) - (?<logger>\S+)(?: - \d+)? - (?<level>[A-Z]+) - (?<msg>.*)$`,
    samples: ['2024-05-01 10:00:00,123 - billing.db - ERROR - connection pool exhausted', '2020-06-09 14:52:33,955 - synapse.storage.database - 312 - WARNING - - Database connection lost, retrying'],
  },
  {
    id: 'log4j-dashes',
    note: 'log4j "%d - %p [%t:%C{1}@%L] - %m" (ZooKeeper)',
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) - (?<level>[A-Z]+) +\[.*?(?::(?<logger>[\w$]+)@\d+)?\] - (?<msg>.*)$`,
    samples: ['2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200'],
  },
  {
    id: 'windows-cbs',
    note: 'Windows CBS.log: time, Level  Component  msg',
    first: '0-9',
    has: ', ',
    re: String.raw`^(?<ts>{ISO}), (?<level>[A-Za-z]+) +(?<logger>\w+) +(?<msg>.*)$`,
    needsLevel: true,
    samples: ['2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 with Core'],
  },
  {
    id: 'file-prefixed',
    note: 'lines prefixed with their log file name (OpenStack dumps, grep -H): file.log time ...',
    first: 'A-Za-z0-9_',
    has: '.log',
    re: String.raw`^(?<source>[\w.-]*\.log[\w.:-]*?)[ :] ?(?<ts>{ISO}) (?<msg>.*)$`,
    tail: true,
    samples: ['nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b-2096 - - -] 10.11.10.1 "GET /v2/servers HTTP/1.1" status: 200 len: 1893 time: 0.2477829'],
  },
  {
    id: 'syslog-iso',
    note: 'rsyslog high-precision / journalctl -o short-iso: time host ident[pid]: msg',
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) (?<host>[\w.-]+) (?<logger>[^\s:[]+)\[(?<pid>\d+)\]: ?(?<msg>.*)$`,
    wrapper: true,
    samples: ['2024-05-01T10:00:00.123456+02:00 edge-1 caddy[811]: {"level":"info","msg":"received signal","signal":"SIGHUP"}'],
  },
  {
    id: 'syslog-facility',
    note: 'BSD syslog with the facility.priority before the program (remote syslog templates, log servers of OpenWrt routers): Mmm dd hh:mm:ss host daemon.err ident[pid]: msg',
    first: 'A-Za-z0-9\u0410-\u044f',
    has: '.',
    re: String.raw`^(?<ts>{SYSLOG}) (?:(?<host>\S+) )?${FACILITY_PRIORITY} (?<logger>[^\s:[]+)(?:\[(?<pid>\d+)\])?: ?(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: [
      'Oct 10 21:51:23 OpenMPTCProuter daemon.info unbound: [6360:0] info: service stopped (unbound 1.17.1).',
      'Mar  3 04:12:09 gw kern.err kernel: [12345.678] ath10k_pci 0000:01:00.0: failed to receive control response completion, polling..',
    ],
  },
  {
    id: 'openwrt-logread',
    note: "OpenWrt's logread: ctime with the year, then facility.priority and ident[pid]: msg",
    first: 'A-Z',
    has: '.',
    re: String.raw`^(?<ts>{CTIME}) ${FACILITY_PRIORITY} (?<logger>[^\s:[]+)(?:\[(?<pid>\d+)\])?: ?(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: ['Mon Jan  8 12:20:31 2024 daemon.err odhcpd[1642]: Failed to send to ff02::1%lan@br-lan (Address not available)'],
  },
  {
    id: 'syslog-no-host',
    note: 'journalctl short with the host name cut (pasted so, or --no-hostname; or blanked out, leaving two spaces): Mmm dd hh:mm:ss ident[pid]: msg; the pid is required, so a host name is never taken for the program',
    first: 'A-Za-z0-9\u0410-\u044f',
    re: String.raw`^(?<ts>{SYSLOG})  ?(?<logger>[^\s:[]+)\[(?<pid>\d+)\]: ?(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: ['Jun 09 14:52:35 systemd[1]: matrix-synapse.service: Main process exited, code=exited, status=1/FAILURE', 'jan 02 15:17:27  systemd-resolved[508625]: Using degraded feature set (UDP) for DNS server 192.0.2.53.'],
  },
  {
    id: 'syslog',
    note: 'BSD syslog / journalctl short: Mmm dd hh:mm:ss host ident[pid]: msg (no year)',
    // journalctl writes the month in the machine's language: lower case ("nov 20"), Cyrillic ("окт 06"), or its number and sign ("10月 06")
    first: 'A-Za-z0-9\u0410-\u044f',
    re: String.raw`^(?<ts>{SYSLOG}) (?<host>\S+) (?<logger>[^\s:[]+)(?:\[(?<pid>\d+)\])?: ?(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: [
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
      'Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet',
      'May 01 10:00:00 edge-1 systemd[1]: Reloading caddy.service - Caddy web server...',
      "févr. 03 07:15:42 nas systemd[1]: backup.service: Failed with result 'exit-code'.",
      'Dez 11 22:05:01 pi CRON[2211]: (root) CMD (run-parts /etc/cron.hourly)',
      '3月 02 09:15:40 web01 systemd[1]: Started The PHP FastCGI Process Manager.',
      '11월 21 14:02:55 db-2 postgres[812]: LOG:  database system is ready to accept connections',
      'ноя 21 14:02:55 srv kernel: EXT4-fs (sda1): mounted filesystem with ordered data mode',
    ],
  },
  {
    id: 'cassandra',
    note: "Apache Cassandra's system.log / debug.log: level, [thread], time, then File.java:line - msg (logback, 2.1+) or File.java (line N) msg (log4j, 1.x-2.0, level right-aligned)",
    first: ' A-Z',
    re: String.raw`^ ?(?<level>TRACE|DEBUG|INFO|WARN|ERROR|FATAL) {1,2}\[(?<thread>[^\]]*)\] (?<ts>{ISO}) (?<logger>[\w$]+)\.(?:java|scala|kt)(?::\d+ -| \(line \d+\)) ?(?<msg>.*)$`,
    samples: [
      'INFO  [CompactionExecutor:4] 2021-08-17 03:12:45,918 CompactionTask.java:241 - Compacted (5c1e) 4 sstables to [md-51-big,] to level=0.',
      'WARN  [GossipTasks:1] 2021-08-17 03:13:02,004 FailureDetector.java:288 - Not marking nodes down due to local pause of 7812004512ns > 5000000000ns',
      ' INFO [main] 2014-02-10 08:00:12,331 CassandraDaemon.java (line 160) Logging initialized',
    ],
  },
  {
    id: 'ceph',
    note: "Ceph daemons: time, thread id, debug level (-1 is derr, an error; the others say how verbose, not how bad), message; Rook's containers put 'debug' in front, a crash dump's recent events '-7>'",
    first: '0-9d \\-',
    re: String.raw`^(?:debug +)?(?:-?\d{1,5}> +)?(?<ts>{ISO}) (?<thread>[0-9a-f]{8,16}) +(?<level>-1|\d{1,2}) (?<msg>.*)$`,
    levels: { '-1': 5 },
    samples: [
      'debug     -3> 2022-03-10T09:59:05.434+0000 7ff21a9db080 -1 bluefs _allocate allocation failed, needed 0x80cbb',
      'debug 2021-01-05T10:48:38.007+0000 7f244c720700  0 log_channel(cluster) log [DBG] : pgmap v24: 97 pgs: 97 active+clean',
      '2017-02-08 06:11:15.324892 7f39862b6700 -1 osd.2 9 heartbeat_check: no reply from 192.168.125.102:6803 osd.3',
    ],
  },
  {
    id: 'level-first',
    note: 'the level word before the time: "ERROR 2024-05-01 ..." / "[WARN] [2024-05-01 ...]"',
    first: 'A-Za-z\\[<',
    re: String.raw`^[[<]?(?<level>[A-Za-z]{3,11})[\]>]?:? +(?:\| +)?\[?(?<ts>{ISO}|{SYSLOG})\]?:? *(?<msg>.*)$`,
    needsLevel: true,
    tail: true,
    samples: [
      'WARN  [2024-05-01 10:00:00,120] com.example.Cache: eviction took 812ms',
      '[ERROR] 2024-05-01T10:00:01Z upstream connect error',
      'INFO | 2024-05-01 10:00:00 | started',
    ],
  },
  {
    id: 'postgres',
    note: "PostgreSQL with a log_line_prefix of time, [pid] or [pid-line], then user@database: the level word comes after them",
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) \[(?<pid>\d+)(?:-\d+)?\]:? (?:(?<user>[\w\[\].-]*)@(?<db>[\w\[\].-]*) )?(?<level>LOG|FATAL|PANIC|ERROR|WARNING|NOTICE|INFO|DEBUG[1-5]?|STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION): +(?<msg>.*)$`,
    levels: { LOG: 3, STATEMENT: 3, DETAIL: 3, HINT: 3, CONTEXT: 3, QUERY: 3, LOCATION: 3 },
    partOfPrevious: PG_PARTS,
    samples: ['2023-05-09 14:22:51 EDT [3812-1] billing@ledger FATAL:  remaining connection slots are reserved for non-replication superuser connections', '2023-05-09 14:22:51.640 UTC [3813] [unknown]@[unknown] LOG:  incomplete startup packet'],
  },
  {
    id: 'pg-ctl-progress',
    note: "pg_ctl's progress (\"waiting for server to start....\", more dots each second) with the server's log line written right after it, as the docker postgres image prints its init and restarts",
    first: 'w.',
    re: String.raw`^(?:waiting for server to [a-z ]{4,20}?\.*|\.+)(?<ts>{ISO}) +(?<msg>.*)$`,
    tail: true,
    samples: [
      'waiting for server to start....2017-10-30 18:49:49.589 UTC [42] LOG:  listening on IPv4 address "127.0.0.1", port 5432',
      'waiting for server to shut down....2017-10-30 18:49:49.856 UTC [42] LOG:  aborting any active transactions',
      '.2023-11-16 05:00:03.412 UTC [48] LOG:  database system is shut down',
    ],
  },
  {
    id: 'node-util-log',
    note: "Node's util.log and tools built on it (nodemon): dd Mmm hh:mm:ss - msg (no year)",
    first: '0-9',
    has: ' - ',
    re: String.raw`^(?<D>\d{1,2}) (?<mon>[A-Z][a-z]{2}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d) - (?<msg>.*)$`,
    tail: true,
    samples: ['25 Oct 16:31:38 - [nodemon] restarting due to changes...', '3 Feb 09:05:01 - worker 2 exited with code 137'],
  },
  {
    id: 'forge',
    note: 'Minecraft Forge / NeoForge server log: [ddMMMyyyy hh:mm:ss.SSS] [thread/LEVEL] [logger/]: msg',
    first: '\\[',
    re: String.raw`^\[(?<D>\d\d)(?<mon>[A-Z][a-z]{2})(?<Y>\d{4}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))?\] \[[^\]/]*\/(?<level>[A-Z]+)\] (?:\[(?<logger>[^\]]*?)\/?\]:? )?(?<msg>.*)$`,
    samples: ['[04Jan2022 19:40:12.551] [Server thread/WARN] [net.minecraft.server.MinecraftServer/]: Can\'t keep up! Is the server overloaded? Running 2411ms or 48 ticks behind'],
  },
  {
    id: 'dash-joined-date',
    note: 'date and time joined by a dash, then a [LEVEL] (the tiredofit/nfrastack container images\' init scripts): yyyy-MM-dd-hh:mm:ss [LEVEL] ** [service] msg',
    first: '0-9',
    re: String.raw`^(?<Y>\d{4})-(?<M>\d\d)-(?<D>\d\d)-(?<h>\d\d):(?<m>\d\d):(?<s>\d\d) \[(?<level>[A-Z]+)\] (?:\*\* )?(?:\[(?<logger>[\w.-]+)\] )?(?<msg>.*)$`,
    levels: { STARTING: 3, NOTICE: 3, INFO: 3, WARN: 4, ERROR: 5, DEBUG: 2 },
    samples: ['2022-03-08-11:20:44 [STARTING] ** [php-fpm] [3] Starting php-fpm 8.1.2', '2022-03-08-11:20:51 [ERROR] ** [nginx] Cannot bind to port 80'],
  },
  {
    id: 'multicraft',
    note: 'Multicraft panel console: dd.MM hh:mm:ss [source] (thread/)LEVEL msg, day first, no year',
    first: '0-9',
    re: String.raw`^(?<D>\d\d)\.(?<M>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d) \[(?<logger>[A-Za-z][\w ]{0,30})\] (?:(?:[^\s/]+(?: [^\s/]+)?\/)?(?<level>INFO|WARN|WARNING|ERROR|SEVERE|FATAL|DEBUG|TRACE):? )?(?<msg>.*)$`,
    samples: ['03.06 18:22:40 [Multicraft] Server stopped', '03.06 18:21:57 [Server] Server thread/WARN Can\'t keep up! Is the server overloaded? Running 5012ms or 100 ticks behind', '03.06 18:20:11 [Server] INFO Preparing spawn area: 84%'],
  },
  {
    id: 'mongodb-legacy',
    note: 'MongoDB before 4.4 (text): time, a severity letter (F E W I, D1-D5), the component, [context], the message',
    first: '0-9',
    re: String.raw`^(?<ts>{ISO}) (?<level>[FEWI]|D[1-5]?) +(?<logger>[A-Z][A-Z_]{1,15}|-) +\[(?<thread>[^\]]{1,80})\] (?<msg>.*)$`,
    levels: { F: 6, E: 5, W: 4, I: 3, D: 2, D1: 2, D2: 1, D3: 1, D4: 1, D5: 1 },
    samples: [
      '2019-08-10T00:19:23.383+0000 I ASIO     [Replication] Failed to connect to db-mongo-secondary:27017 - HostUnreachable: Connection refused',
      '2020-03-02T10:14:01.002+0100 E STORAGE  [initandlisten] WiredTiger error (28) [1583140441:2:140], file:WiredTiger.wt: No space left on device',
      '2018-11-20T08:00:00.000+0000 I -        [conn12] end connection 10.0.0.5:51234 (3 connections now open)',
    ],
  },
  {
    id: 'pid-then-iso',
    note: 'a process id in brackets, then an ISO-like time and the level in brackets (NATS server)',
    first: '\\[',
    re: String.raw`^\[\d{1,10}\] (?<ts>{ISO}) +(?<msg>.*)$`,
    tail: true,
    samples: ['[1] 2021/12/13 02:44:15.208575 [WRN] Consumer assignment not cleaned up, retrying', '[7] 2024/03/01 10:00:00.120000 [INF] Server is ready'],
  },
  {
    id: 'component-then-iso',
    note: "a component in brackets, then Go's log time (InfluxDB 1.x: [write], [udp], [shard]): the component is the lane",
    first: '\\[',
    re: String.raw`^\[(?<source>[A-Za-z][\w.-]{0,31})\] (?<ts>{ISO}) (?<msg>.*)$`,
    tail: true,
    samples: ['[write] 2016/08/16 12:20:56 write failed for shard 3: engine: cache maximum memory size exceeded'],
  },
  {
    id: 'ovs',
    note: "Open vSwitch (ovs-vswitchd, ovsdb-server): time|sequence|module|level|message",
    first: '0-9',
    has: '|',
    re: String.raw`^(?<ts>{ISO})\|\d{5,}\|(?<logger>[\w-]{1,40})\|(?<level>EMER|ERR|WARN|INFO|DBG)\|(?<msg>.*)$`,
    levels: { EMER: 6, ERR: 5, WARN: 4, INFO: 3, DBG: 2 },
    samples: ['2020-05-20T08:53:27.294Z|00872|timeval|WARN|Unreasonably long 1415ms poll interval (647ms user, 749ms system)', '2020-05-20T08:53:27.312Z|00874|poll_loop|INFO|Dropped 4 log messages in last 4 seconds'],
  },
  {
    id: 'jetty-stderr',
    note: "Jetty's StdErrLog (its default before 10): time:LEVEL:abbreviated logger:thread: message",
    first: '0-9',
    has: ':',
    re: String.raw`^(?<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}):(?<level>DBUG|INFO|WARN|EXCEPTION|IGNORED):(?<logger>[\w.$]{1,80}):(?:(?<thread>[^:]{1,80}):)? ?(?<msg>.*)$`,
    levels: { DBUG: 2, INFO: 3, WARN: 4, EXCEPTION: 5, IGNORED: 2 },
    samples: ['2019-08-21 15:53:19.635:WARN:oejut.QueuedThreadPool:qtp29832506-14: Unexpected thread death: org.eclipse.jetty.util.thread.QueuedThreadPool$3@f5c692 in qtp29832506', '2017-03-02 10:00:01.002:INFO:oejs.Server:main: Started @1523ms'],
  },
  {
    id: 'iso',
    note: 'any ISO-8601-like time first, then level / [thread] / logger in any usual order',
    first: '0-9\\[',
    re: String.raw`^\[?(?<ts>{ISO})\]?:?(?: +|\t|$)(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: [
      '2024-05-01T10:00:00.123456789Z INFO received signal, updating routes',
      '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster',
      '[2024-05-01 10:00:00.120] [warn] [cache] slow eviction',
      '2022/09/11 16:31:21 main.go:63: creating otel trace grpc client',
      '2024-05-01 10:00:00.123 [main] INFO  com.example.Application - Started Application in 3.2 seconds',
    ],
  },
  {
    id: 'name-then-iso',
    note: 'a name before an ISO time (docker service logs --no-task-ids off, pod or host prefixes, grep over several files): the name is the lane, the rest a line of its own',
    first: 'A-Za-z',
    re: String.raw`^(?<source>[A-Za-z][\w.@:/-]{0,63}) +(?:\| +)?(?<msg>(?<ts>{ISO}) .*)$`,
    wrapper: true,
    samples: ['s01s5pk 2019-08-10T00:19:23.383+0000 I ASIO     [Replication] Failed to connect to db-mongo-secondary:27017', 'api-7d9f 2024-05-01T10:00:00.120Z ERROR upstream timed out'],
  },
  {
    id: 'viewer-stamp',
    note: "a log viewer's own stamp, in the viewer's local 12-hour time, before the program's line (Rancher's log view): the program's stamp and its zone win; the viewer's stays in the line's text, and times lines that have none",
    first: 'A-Z',
    has: ' | ',
    re: String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<mon>[A-Z][a-z]{2}) (?<D>\d{1,2}) (?<Y>\d{4}) (?<h>\d{1,2}):(?<m>\d\d):(?<s>\d\d) (?<ap>[ap]m) \| (?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: [
      'Tue, Mar 14 2023 9:02:47 am | 2023-03-14 16:02:47.118 UTC [2291] FATAL:  terminating connection due to administrator command',
      'Tue, Mar 14 2023 9:02:48 am | Waiting for the database to come back',
    ],
  },
  {
    id: 'kubectl-prefix',
    note: "kubectl logs --prefix: [pod/NAME/CONTAINER] before each line; the pod is the lane when the line names no logger, the line after it is read as usual (a time, a logfmt or JSON record)",
    first: '\\[',
    has: '[pod/',
    re: String.raw`^\[pod/(?<source>[a-z0-9][a-z0-9.-]{0,252})/[a-z0-9][a-z0-9.-]{0,62}\] (?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: [
      '[pod/grafana-6479967497-vrlmf/grafana] t=2019-11-28T11:07:18+0000 lvl=eror msg="Failed to send alertmanager" logger=alerting.notifier error="context deadline exceeded"',
      '[pod/api-7d9f8c6b5-2kq4x/api] 2024-05-01T10:00:00.120Z ERROR upstream timed out',
      '[pod/api-7d9f8c6b5-2kq4x/migrate] applying migration 0042_orders_index',
    ],
  },
  {
    id: 'names-then-logfmt',
    note: "a pod and container name before a logfmt record (stern, kubectl logs --prefix without the brackets): the record is read, from its time key (t=, ts=, time=, after a level key or not); the time is matched here so that prose with a 'time=' is not taken for a record",
    first: 'a-z0-9',
    has: '=',
    re: String.raw`^(?<source>[a-z0-9][a-z0-9.-]{0,252}) (?:[a-z0-9][a-z0-9.-]{0,62} )?(?<msg>(?:(?:level|lvl)=\w+ )?(?:t|ts|time)="?(?<ts>{ISO}|\d{10}(?:\.\d{1,9})?|\d{13})[\s"].*)$`, // the record's own time must read
    samples: [
      'prometheus-grafana-5d8f7c9b6-x2lqp grafana t=2020-03-02T08:14:51+0000 lvl=eror msg="Alert Rule Result Error" logger=alerting.evalContext ruleId=12 error="tsdb.HandleRequest() error Post http://prometheus:9090/api/v1/query_range: context deadline exceeded"',
      'loki-0 loki level=warn ts=2021-06-01T12:00:03.118Z caller=flush.go:198 msg="failed to flush user" err="context canceled"',
    ],
  },
  {
    id: 'csv-time-first',
    note: 'a CSV export without its header, time first and the line quoted ("2019-07-17T20:36:24.774Z","…": log explorers\' Download CSV): the line is read as a line of its own',
    first: '"',
    re: String.raw`^"(?<ts>{ISO})",\s*"(?<msg>.*)"$`,
    wrapper: true,
    samples: ['"2019-07-17T20:36:24.774Z","[2019-07-17 20:36:24.774][1][warning][config] gRPC config stream closed: 14, upstream connect error"', '"2024-05-01T10:00:00.120Z","ERROR upstream timed out"'],
  },
  {
    id: 'cups',
    note: "CUPS error_log: a level letter (E error, W warning, N notice, I info, D/d debug, C critical, A alert, X emergency), then the time in brackets",
    first: 'EWNIDdCAX',
    re: String.raw`^(?<level>[EWNIDdCAX]) \[(?<ts>{CLF})\] (?<msg>.*)$`,
    levels: { E: 5, W: 4, N: 3, I: 3, D: 2, d: 1, C: 6, A: 6, X: 6 },
    samples: ['E [28/Jan/2015:14:57:55 +0100] [Job 42721] recoverable: Unable to connect to printer; will retry in 30 seconds...', 'I [28/Jan/2015:14:54:45 +0100] [Job 42721] Started backend /usr/lib64/cups/backend/lpd (PID 25487)'],
  },
  {
    id: 'program-level-iso',
    note: "a program name and its level before the time (Zigbee2MQTT: 'Zigbee2MQTT:info  2021-02-11 15:36:40: …')",
    first: 'A-Za-z',
    re: String.raw`^(?<logger>[A-Za-z][\w.-]{0,39}):(?<level>error|warn|warning|info|debug) +(?<ts>{ISO}):? (?<msg>.*)$`,
    samples: ["Zigbee2MQTT:error 2021-02-11 15:37:00: Failed to start zigbee", "Zigbee2MQTT:info  2021-02-11 15:36:40: Starting Zigbee2MQTT version 1.17.1 (commit #99274c7)"],
  },
  {
    id: 'esphome',
    note: 'ESPHome device logs: [time of day][level letter][component:line]: msg (the day is not written)',
    first: '\\[',
    re: String.raw`^\[(?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,3}))?\]\[(?<level>[EWICDVA])\]\[(?<logger>[\w.]+)(?::\d+)?\]: ?(?<msg>.*)$`,
    levels: { E: 5, W: 4, I: 3, C: 3, D: 2, V: 1, A: 1 },
    samples: ['[11:16:34][I][app:101]: ESPHome version 1.15.0-dev compiled on May 22 2020, 10:28:20', '[11:17:02][W][wifi:554]: WiFi Unknown connection status 0'],
  },
  {
    id: 'pipes',
    note: "fields between bars after the time (NLog's ${longdate}|${level}|${logger}|${message}, its empty fields too): the level and logger where the bars put them",
    first: '0-9',
    has: '|',
    re: String.raw`^(?<ts>{ISO}) ?\|\|? ?(?<level>TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|Trace|Debug|Info|Warn|Warning|Error|Fatal) ?\| ?(?<logger>[\w.$\-]{1,120}) ?\| ?(?<msg>.*)$`,
    samples: ['2020-08-12 06:56:57.4373||INFO|Microsoft.Hosting.Lifetime|Content root path: C:\\inetpub\\app', '2024-05-01 10:00:00.1234|ERROR|App.Worker|Job 17 failed'],
  },
  {
    id: 'syslog-level-pipes',
    note: "a syslog severity number, then fields between bars (librdkafka's log callback: '7|2016-10-28 16:43:51.360|rdkafka#consumer-1|CGRPSTATE| …')",
    first: '0-7',
    has: '|',
    re: String.raw`^(?<pri>[0-7])\|(?<ts>{ISO})\|(?<logger>[^|]{1,80})\|(?<msg>.*)$`,
    samples: ['7|2016-10-28 16:43:51.360|rdkafka#consumer-1|CGRPSTATE| Group "my_kafka_group" changed state wait-broker-transport -> up', '3|2016-10-28 16:44:01.002|rdkafka#consumer-1|FAIL| kafka-1:9092/1: Connect to ipv4#10.0.0.7:9092 failed: Connection refused'],
  },
  {
    id: 'clf-first',
    note: 'an access-log (CLF) time first, then the message (Caddy 1 error log without the level bracket, proxies logging in Apache style)',
    first: '0-9\\[',
    re: String.raw`^\[?(?<ts>{CLF})\]? +(?<msg>.*)$`,
    tail: true,
    samples: ['29/Jan/2016:15:20:02 +0100 http: TLS handshake error from 203.0.113.9:51234: EOF', '[01/May/2024:10:00:00 +0000] WARN backend api-2 slow'],
  },
  {
    id: 'yy-slash',
    note: 'two-digit year first: yy/MM/dd hh:mm:ss (Spark, log4j %d{yy/MM/dd})',
    first: '0-9',
    re: String.raw`^(?<y2>\d\d)/(?<M>\d\d)/(?<D>\d\d) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:[.,](?<frac>\d{1,9}))? +(?<msg>.*)$`,
    tail: true,
    samples: ['17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]'],
  },
  {
    id: 'jul',
    note: 'Java util.logging time on one line with its message ("Apr 7, 2014 8:11:23 PM ...")',
    first: 'A-Z',
    re: String.raw`^(?<ts>{JUL}):? +(?<msg>.*)$`,
    tail: true,
    samples: ['Jan 15, 2024 5:40:45 AM INFO com.example.Server: listening on 8080'],
  },
  {
    id: 'rfc1123',
    note: "RFC 1123 / HTTP dates first (JavaScript's toUTCString, Go's http.TimeFormat): Thu, 31 Jan 2013 12:00:54 GMT",
    first: 'A-Z',
    re: String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<D>\d{1,2}) (?<mon>[A-Z][a-z]{2}) (?<Y>\d{4}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?: (?<tz>GMT|UTC|[+-]\d{4}))?[,:]? +(?<msg>.*)$`,
    tail: true,
    samples: ['Mon, 05 Feb 2018 09:14:03 GMT, queue worker lost its connection, retrying in 5s', 'Sat, 17 Aug 2024 23:00:01 +0200 backup started'],
  },
  {
    id: 'js-date',
    note: "JavaScript's Date toString() first (Node programs that log `${new Date()}`): Wed Apr 01 2015 15:44:17 GMT+0200 (CEST); the offset is the time's zone, the name in brackets only repeats it",
    first: 'A-Z',
    has: ' GMT',
    re: String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<mon>[A-Z][a-z]{2}) (?<D>\d\d) (?<Y>\d{4}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d) GMT(?<tz>[+-]\d{4})(?: \([^()]{1,64}\))?:?(?: +- +| +)(?<msg>.*)$`,
    tail: true,
    samples: [
      'Wed Apr 01 2015 15:44:17 GMT+0200 (CEST) - SVCMGR - Uncaught exception: Error: ENOSPC, no space left on device',
      'Tue Mar 05 2024 09:12:44 GMT-0500 (Eastern Standard Time) server listening on port 3000',
    ],
  },
  {
    id: 'iso-unpadded',
    note: "a year-first date without its leading zeros ('2018-7-20 10:41:00', Node programs formatting the date themselves)",
    first: '0-9',
    re: String.raw`^\[?(?<Y>\d{4})-(?<M>\d{1,2})-(?<D>\d{1,2})[ T](?<h>\d{1,2}):(?<m>\d\d):(?<s>\d\d)(?:[.,](?<frac>\d{1,9}))?\]? +(?<msg>.*)$`,
    tail: true,
    samples: ['2018-7-20 10:41:00 INFO Starting zigbee2mqtt version 0.1.0 (commit #ae41b7b)', '2021-3-5 9:04:11 ERROR MQTT failed to connect'],
  },
  {
    id: 'month-day-year',
    note: "month, day, year, then the clock ('May  8 2025 17:51:10.784918787 …', zpool events)",
    first: 'A-Z',
    re: String.raw`^(?<mon>[A-Z][a-z]{2}) {1,2}(?<D>\d{1,2}) (?<Y>\d{4}) (?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:\.(?<frac>\d{1,9}))? +(?<msg>.*)$`,
    tail: true,
    samples: ['May  8 2025 17:51:10.784918787 sysevent.fs.zfs.scrub_start', 'Nov 12 2024 03:00:01.102 ereport.fs.zfs.checksum'],
  },
  {
    id: 'event-viewer-csv',
    note: "Windows Event Viewer saved as CSV without its header (level, date and time, source, event id, task category, description), in the viewer's language ('Fehler,10.01.2017 06:41:19,Service Control Manager,7034,Keine,\"Dienst …\"')",
    first: 'A-Za-z\u00c0-\u00ff',
    has: ',',
    needsLevel: true,
    re: String.raw`^(?<level>[A-Za-z\u00c0-\u00ff]{3,20}),(?<ts>{NUMDATE}),(?<logger>[^,]{1,80}),\d{1,5},[^,]{0,40},"?(?<msg>.*?)"?$`,
    samples: ['Fehler,10.01.2017 06:41:19,Service Control Manager,7034,Keine,"Dienst ""test service"" wurde unerwartet beendet. Dies ist bereits 1 Mal passiert."', 'Error,1/10/2017 6:41:19 AM,Service Control Manager,7034,None,"The test service terminated unexpectedly."'],
  },
  {
    id: 'numeric-date',
    note: 'locale dates, day- or month-first (settled per file), 12- or 24-hour clock',
    first: '0-9\\[',
    re: String.raw`^\[?(?<ts>{NUMDATE})\]?,?:? +(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: ['07/03/2024, 3:52:49 PM ERROR [Worker] job 17 failed', '15/01/2024 10:00:00.123 WARN pool at 90%', '03.11.2022 10:54:40 INFO started'],
  },
  {
    id: 'mysql-short',
    note: 'yymmdd hh:mm:ss first (MySQL crash reporter without a level)',
    first: '0-9',
    re: String.raw`^(?<ts>{MYSQL}) +(?<msg>.*)$`,
    tail: true,
    samples: ['201010 11:17:39 mysqld_safe Number of processes running now: 0'],
  },
  {
    id: 'day-month-name',
    note: 'dd MMM yyyy / dd-MMM-yyyy first (log4j %d{dd MMM yyyy HH:mm:ss,SSS})',
    first: '0-9\\[',
    re: String.raw`^\[?(?<ts>{DMONY})\]? +(?<msg>.*)$`,
    tail: true,
    samples: ['01 May 2024 10:00:00,123 ERROR [main] com.example.Db - connection refused'],
  },
  {
    id: 'named-month',
    note: 'ctime or syslog time first without a syslog host/ident',
    first: 'A-Z\\[',
    re: String.raw`^\[?(?<ts>{CTIME}|{SYSLOG})\]?:? *(?<msg>.*)$`,
    tail: true,
    samples: ['Tue May 01 10:00:00 2024 [notice] reload requested', 'May 01 10:00:00.250 worker-2 stalled'],
  },
  {
    id: 'epoch',
    note: 'epoch seconds or milliseconds first (Mosquitto: "1664316103: Client … disconnected")',
    first: '0-9\\[',
    re: String.raw`^\[?(?<ts>{EPOCH})\]?:?[ ,;|\t]+(?<msg>.*)$`,
    tail: true,
    wrapper: true,
    samples: ['1714557600.125 WARN health probe failed: context deadline exceeded', '1714557600125|proxy|route table reloaded', '1664316103: Client IoTSocket8D1B2BE4 disconnected due to protocol error.'],
  },
  {
    id: 'time-of-day',
    note: 'a clock without a date (logback "%d{HH:mm:ss.SSS}", ARK server manager\'s "11:21:46: "): level and logger, time from a wrapper or untimed',
    first: '0-9\\[',
    re: String.raw`^\[?(?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:[.,](?<frac>\d{1,9}))?(?<tz>Z|[+-]\d\d:?\d\d(?!\d)| (?:${ZONE_NAME_RE})(?![\w]))?\]?:? +(?<msg>.*)$`,
    tail: true,
    samples: ['18:03:57.913 INFO  c.t.c.PaymentController#34 TraceID: bcb66bd5 [pay][Pay][PaymentId: null]', '10:00:00.120 [main] WARN  com.example.Pool - pool exhausted', '22:40:53.187Z INFO reloading config', '[14:02:11 CET] ERROR backup failed', '11:21:46: exited with status 0'],
  },
  {
    id: 'level-clock',
    note: 'a level word, then a clock without a date (Cassandra on stdout: "%-5level %date{HH:mm:ss,SSS} %msg", 2.1 without the milliseconds)',
    first: 'A-Z',
    re: String.raw`^(?<level>TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL) {1,2}(?<h>\d\d):(?<m>\d\d):(?<s>\d\d)(?:[.,](?<frac>\d{3}))? (?<msg>.*)$`,
    tail: true,
    samples: ['INFO  03:12:45,918 Compacted (5c1e) 4 sstables to [md-51-big,] to level=0.', 'WARN  03:13:02,004 Not marking nodes down due to local pause of 7812004512ns > 5000000000ns', 'INFO  11:02:19 Completed flushing /var/lib/cassandra/data/system/peers-ka-3-Data.db (211 bytes)'],
  },
  {
    id: 'thread-level-logger',
    note: 'slf4j-simple\'s default layout, no time: [thread] LEVEL logger - msg (embedded Cassandra, test harnesses); time from a wrapper or inferred',
    first: '\\[',
    has: ' - ',
    re: String.raw`^\[(?<thread>[^\]]{1,80})\] (?<level>TRACE|DEBUG|INFO|WARN|ERROR) (?<logger>[\w$.]+) - (?<msg>.*)$`,
    samples: ['[CompactionExecutor:3] INFO org.apache.cassandra.db.compaction.CompactionTask - Compacted 4 sstables to [/tmp/data/system/local-ka-12,].', '[main] WARN org.apache.cassandra.service.StartupChecks - JMX is not enabled to receive remote connections'],
  },
  {
    id: 'npm-debug',
    note: "npm's debug log (npm-debug.log, _logs/*-debug-0.log): a number, a level, the message; the numbers count log calls (one written over several lines repeats it), they are no clock",
    first: '0-9',
    re: String.raw`^(?<seq>\d{1,7}) (?<level>silly|verbose|timing|http|info|notice|warn|error) (?<msg>.*)$`,
    levels: { silly: 1, verbose: 2, timing: 2, http: 3, info: 3, notice: 3, warn: 4, error: 5 },
    source: 'npm',
    samples: ['31 verbose stack Error: ENOENT: no such file or directory, open \'/srv/app/package.json\'', '12 timing reify:loadTrees Completed in 212ms', '40 error code ELIFECYCLE'],
  },
  {
    id: 'npm-cli',
    note: "npm's own output on the terminal: npm ERR! / npm WARN / npm notice ... (no time)",
    first: 'n',
    re: String.raw`^npm (?<level>ERR!|WARN|warn|notice|verb|sill|timing|http|info) (?<msg>.+)$`,
    levels: { 'ERR!': 5, WARN: 4, warn: 4, notice: 3, verb: 2, sill: 1, timing: 2, http: 3, info: 3 },
    source: 'npm',
    samples: ['npm ERR! code ELIFECYCLE', 'npm WARN deprecated request@2.88.2: request has been deprecated', 'npm notice created a lockfile as package-lock.json. You should commit this file.'],
  },
  {
    id: 'program-level',
    note: 'a program naming itself and a level, no time ("prog: level: msg": s6-rc, s6-svscan, pg_dump, git): level and logger, time from a wrapper or inferred',
    first: 'a-z',
    re: String.raw`^(?<logger>[a-z][\w.-]{1,30}): (?<level>info|notice|warning|error|fatal|debug): (?<msg>.*)$`,
    samples: ['s6-rc: info: service legacy-cont-init successfully started', 'pg_dump: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory'],
  },
  {
    id: 'python-basic',
    note: "Python logging.basicConfig default: LEVEL:logger:msg (no time)",
    first: 'A-Z',
    re: String.raw`^(?<level>DEBUG|INFO|WARNING|ERROR|CRITICAL):(?<logger>[^:\s]*):(?<msg>.*)$`,
    samples: ['ERROR:billing.db:connection pool exhausted'],
  },
];

/** Expand the {MACRO} placeholders of a pattern. */
export function expandPattern(re: string): string {
  return re.replace(/\{([A-Z]+)\}/g, (all, name: string) => (Object.prototype.hasOwnProperty.call(TIME_MACROS, name) ? `(?:${TIME_MACROS[name]})` : all));
}
