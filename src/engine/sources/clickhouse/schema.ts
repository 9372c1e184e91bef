// Which columns of a ClickHouse table hold a log record's time, source,
// level, message and fields. The OpenTelemetry Collector's `otel_logs` table
// (also ClickStack/HyperDX's) needs no configuration; any other schema is
// described by a column mapping, which travels in the page URL and in a
// pulled bundle's manifest. Credentials never belong here.
// https://clickhouse.com/docs/observability/integrating-opentelemetry

export interface ColumnMapping {
  /** DateTime64 / DateTime column (or an expression) with the record's time. */
  time: string;
  /** Coarser time column in the table's primary key, for index pruning (otel: TimestampTime). */
  timeIndex?: string;
  /** Column naming the service / host / file the record came from (a lane). */
  source: string;
  /** Severity text column. */
  level: string;
  /** Message column. */
  message: string;
  /** Map(String, String) columns whose entries become the record's fields. */
  fields: string[];
  /** Map entries that hold error text the vocabulary must also see (`error`, `exception.message`). */
  errorKeys: string[];
  /** Numeric severity column, when there is one (OTel SeverityNumber: 17+ is error). */
  severityNumber?: string;
}

export const OTEL_MAPPING: ColumnMapping = {
  time: 'Timestamp',
  timeIndex: 'TimestampTime',
  source: 'ServiceName',
  level: 'SeverityText',
  message: 'Body',
  fields: ['LogAttributes'],
  errorKeys: ['error', 'err', 'exception.message', 'exception.type', 'reason'],
  severityNumber: 'SeverityNumber',
};

/**
 * A column name as ClickHouse reads it, back-quoted. Only plain names (and
 * `db.table` for tables) are accepted: a mapping comes from a URL, so it must
 * not be able to smuggle SQL into the query.
 */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a column or table name: ${JSON.stringify(name)}`);
  return '`' + name + '`';
}

export function tableRef(database: string | undefined, table: string): string {
  return database ? `${ident(database)}.${ident(table)}` : ident(table);
}

/** A string literal in ClickHouse SQL (backslash and quote escaped). */
export function strLit(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** Mapping as a compact URL parameter value: `time,timeIndex,source,level,message,fields+…,errorKeys+…,severityNumber`. */
export function encodeMapping(m: ColumnMapping): string {
  return [m.time, m.timeIndex ?? '', m.source, m.level, m.message, m.fields.join('+'), m.errorKeys.join('+'), m.severityNumber ?? ''].join(',');
}

export function decodeMapping(s: string): ColumnMapping {
  const p = s.split(',');
  if (p.length !== 8) throw new Error('A column mapping has 8 comma-separated parts: time,timeIndex,source,level,message,fields,errorKeys,severityNumber');
  const list = (x: string) => x.split('+').filter(Boolean);
  const m: ColumnMapping = {
    time: p[0], timeIndex: p[1] || undefined, source: p[2], level: p[3], message: p[4],
    fields: list(p[5]), errorKeys: list(p[6]), severityNumber: p[7] || undefined,
  };
  for (const c of [m.time, m.source, m.level, m.message, ...m.fields, m.timeIndex, m.severityNumber]) if (c !== undefined) ident(c);
  return m;
}

export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  return encodeMapping(a) === encodeMapping(b);
}
