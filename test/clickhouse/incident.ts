// A generated incident in an `otel_logs` table, built inside chDB with SQL
// (numbers() makes millions of rows in seconds): five services with steady
// traffic over an hour, a reload stall at the edge proxy (a reload starts a
// dozen certificate renewals, a second reload 30 s later, requests time out
// until the renewals drain) and a crash of orders-api (Go's "concurrent map
// writes", restart six seconds later, 502s at the edge meanwhile). The same
// table can be written to one JSON-lines file per service, as a user would
// drop them, so pulled and dropped copies can be compared.

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChdbSession } from './chdb-server.ts';

export const WINDOW = { from: '2024-05-14T02:00:00Z', to: '2024-05-14T03:00:00Z' };
export const FROM_MS = Date.parse(WINDOW.from);
export const TO_MS = Date.parse(WINDOW.to);
export const SERVICES = ['auth', 'catalog', 'edge', 'orders-api', 'payments'];
export const STALL_AT = '2024-05-14 02:12:03.412';
export const CRASH_AT = '2024-05-14 02:40:00.250';

/**
 * The OpenTelemetry Collector ClickHouse exporter's logs table as the exporter
 * creates it: its codecs (ZSTD, so reading costs what it costs in production),
 * its skip indexes (bloom filters on trace ids and attributes, a token and an
 * n-gram filter on Body) and its keys.
 */
export const OTEL_LOGS_DDL = `CREATE TABLE IF NOT EXISTS otel_logs (
  Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
  TimestampTime DateTime DEFAULT toDateTime(Timestamp),
  TraceId String CODEC(ZSTD(1)),
  SpanId String CODEC(ZSTD(1)),
  TraceFlags UInt8,
  SeverityText LowCardinality(String) CODEC(ZSTD(1)),
  SeverityNumber UInt8,
  ServiceName LowCardinality(String) CODEC(ZSTD(1)),
  Body String CODEC(ZSTD(1)),
  ResourceSchemaUrl LowCardinality(String) CODEC(ZSTD(1)),
  ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  ScopeSchemaUrl LowCardinality(String) CODEC(ZSTD(1)),
  ScopeName String CODEC(ZSTD(1)),
  ScopeVersion LowCardinality(String) CODEC(ZSTD(1)),
  ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  LogAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
  INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_res_attr_value mapValues(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_scope_attr_key mapKeys(ScopeAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_scope_attr_value mapValues(ScopeAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_log_attr_key mapKeys(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_log_attr_value mapValues(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
  INDEX idx_body Body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8,
  INDEX idx_body_ngrambf Body TYPE ngrambf_v1(4, 32768, 3, 0) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(TimestampTime)
PRIMARY KEY (ServiceName, TimestampTime)
ORDER BY (ServiceName, TimestampTime, Timestamp)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1`;

const COLS = 'Timestamp, TraceId, SpanId, SeverityText, SeverityNumber, ServiceName, Body, ResourceAttributes, LogAttributes';

function steady(rows: number): string {
  const spanNs = (TO_MS - FROM_MS) * 1e6;
  return `INSERT INTO otel_logs (${COLS})
SELECT ts, hex(cityHash64(number)), hex(cityHash64(number, 1)) ,
  if(number % 997 = 3, 'WARN', 'INFO'), if(number % 997 = 3, 13, 9), svc,
  if(number % 997 = 3, 'slow response detected',
    multiIf(svc = 'edge', concat(['GET', 'GET', 'POST', 'PUT'][number % 4 + 1], ' ', ['/api/orders', '/api/cart', '/api/users', '/login', '/static/app.js'][intDiv(number, 4) % 5 + 1], ' 200'),
            svc = 'orders-api', ['order fetched', 'order created', 'cart updated', 'inventory checked'][intDiv(number, 5) % 4 + 1],
            svc = 'payments', ['charge authorised', 'charge captured', 'refund queued'][intDiv(number, 5) % 3 + 1],
            svc = 'auth', ['user authenticated', 'session refreshed', 'token issued'][intDiv(number, 5) % 3 + 1],
            ['product listed', 'search served', 'cache hit', 'cache miss'][intDiv(number, 5) % 4 + 1])),
  map('k8s.pod.name', concat(svc, '-7f9c6d5b8-x2kqp')),
  if(svc = 'edge', map('http.status_code', '200', 'duration_ms', toString(number % 90)), map('request_id', hex(cityHash64(number, 2))))
FROM (
  SELECT number, toDateTime64('${WINDOW.from.replace('T', ' ').replace('Z', '')}', 9, 'UTC') + toIntervalNanosecond(intDiv(number * ${spanNs}, ${rows}) + cityHash64(number) % 1000000) AS ts,
    ['${SERVICES.join("', '")}'][number % ${SERVICES.length} + 1] AS svc
  FROM numbers(${rows})
)
-- orders-api is down between the crash and its restart
WHERE NOT (svc = 'orders-api' AND ts >= toDateTime64('${CRASH_AT}', 9, 'UTC') AND ts < toDateTime64('${CRASH_AT}', 9, 'UTC') + toIntervalSecond(6))`;
}

/** A few error-level lines at a steady low rate: noise a burst rule must not take for an incident. */
const BACKGROUND_ERRORS = `INSERT INTO otel_logs (${COLS})
SELECT toDateTime64('2024-05-14 02:00:07', 9, 'UTC') + toIntervalMillisecond(number * 11300), '', '', 'ERROR', 17, 'payments', 'card declined by issuer', map(), map('error', 'insufficient funds')
FROM numbers(300)`;

function at(base: string, offsetMs: string): string {
  return `toDateTime64('${base}', 9, 'UTC') + toIntervalMillisecond(${offsetMs})`;
}

const STALL = [
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(STALL_AT, 'number * 30488')}, '', '', 'INFO', 9, 'edge', 'Received signal, updating routes...', map(), map('signal', 'hangup') FROM numbers(2)`,
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(STALL_AT, '180 + number * 8000')}, '', '', 'INFO', 9, 'edge', 'Renewing certificate', map(), map('domain', concat('d', toString(number), '.example.com')) FROM numbers(12)`,
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(STALL_AT, '7680 + number * 8000')}, '', '', 'INFO', 9, 'edge', 'certificate obtained successfully', map(), map('domain', concat('d', toString(number), '.example.com')) FROM numbers(12)`,
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(STALL_AT, '31000 + number * 160')}, '', '', 'ERROR', 17, 'edge', 'upstream request timeout', map(), map('error', 'context deadline exceeded', 'http.route', '/api/orders') FROM numbers(400)`,
];

const CRASH = [
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(CRASH_AT, '0')}, '', '', 'FATAL', 21, 'orders-api', 'fatal error: concurrent map writes', map(), map('goroutine', '1123') FROM numbers(1)`,
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(CRASH_AT, '6000')}, '', '', 'INFO', 9, 'orders-api', 'HTTP server listening on :8080', map(), map() FROM numbers(1)`,
  `INSERT INTO otel_logs (${COLS}) SELECT ${at(CRASH_AT, '200 + number * 70')}, '', '', 'ERROR', 17, 'edge', 'GET /api/orders 502', map(), map('error', 'upstream connect error or disconnect/reset before headers') FROM numbers(80)`,
];

/** Build the table with `rows` steady lines plus the incident (a few hundred lines). */
export async function createIncident(session: ChdbSession, rows: number): Promise<number> {
  await session.queryAsync('DROP TABLE IF EXISTS otel_logs');
  await session.queryAsync(OTEL_LOGS_DDL);
  for (const q of [steady(rows), BACKGROUND_ERRORS, ...STALL, ...CRASH]) await session.queryAsync(q);
  await session.queryAsync('OPTIMIZE TABLE otel_logs FINAL');
  const n = Number((await session.queryAsync('SELECT count() FROM otel_logs', { format: 'TSV' })).text().trim());
  return n;
}

/**
 * The same rows as files, one per service, flat JSON lines as a log shipper's
 * file export would write them (time with nanoseconds, attributes as fields).
 */
export async function writeIncidentFiles(session: ChdbSession, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const svc of SERVICES) {
    const path = join(dir, `${svc}.jsonl`);
    const out = createWriteStream(path);
    // JSON built by ClickHouse itself: time, level, service, msg, then the attributes.
    const sql = `SELECT concat('{"time":', toJSONString(concat(replaceOne(toString(Timestamp), ' ', 'T'), 'Z')),
        ',"level":', toJSONString(toString(SeverityText)), ',"service":', toJSONString(toString(ServiceName)), ',"msg":', toJSONString(Body),
        if(empty(LogAttributes), '', concat(',', substring(toJSONString(LogAttributes), 2, length(toJSONString(LogAttributes)) - 2))), '}') AS line
      FROM otel_logs WHERE ServiceName = '${svc}' ORDER BY Timestamp`;
    for await (const chunk of session.queryStream(sql, { format: 'TSVRaw' })) {
      if (!out.write(Buffer.from(chunk.raw()))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    paths.push(path);
  }
  return paths;
}
