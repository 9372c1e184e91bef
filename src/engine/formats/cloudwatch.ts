// Amazon CloudWatch Logs records: subscription-filter payloads (one JSON
// object per delivery with `logEvents[]`, as Firehose writes them to S3, often
// several objects back to back on one line) and the events of
// `aws logs filter-log-events` / `get-log-events` exports
// ({timestamp, message, ingestionTime, logStreamName}). Each log event becomes
// an event of its own; its message is JSON (parsed) or text (read by the text
// runner in the driver), the log group names the lane.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html

import { isObject, mapJsonRecord, own, type JsonObject } from './json-record.ts';
import { LineType, type LineTypeCode, type ParseEnv, type RecordOut } from './types.ts';
import { fromEpoch } from '../model/time.ts';

/** A subscription payload: its log events and the group they belong to; null for other records. */
export function cloudWatchPayload(o: JsonObject): { events: JsonObject[]; group: string } | null {
  const events = own(o, 'logEvents');
  if (!Array.isArray(events)) return null;
  const group = own(o, 'logGroup');
  const stream = own(o, 'logStream');
  return {
    events: events.filter(isObject),
    group: typeof group === 'string' ? group : typeof stream === 'string' ? stream : '',
  };
}

/** An exported CloudWatch event: epoch-ms timestamp, message, and one of the export's own keys. */
export function isCloudWatchEvent(o: JsonObject): boolean {
  return typeof own(o, 'timestamp') === 'number' && typeof own(o, 'message') === 'string'
    && (own(o, 'ingestionTime') !== undefined || own(o, 'eventId') !== undefined || own(o, 'logStreamName') !== undefined);
}

/**
 * Map one log event. JSON messages (Lambda's JSON log format, any JSON
 * logger) are records; text messages return LineType.text with `out.text`
 * holding their first line and the event's time as the fallback.
 */
export function mapCloudWatchEvent(ev: JsonObject, group: string, out: RecordOut, env: ParseEnv): LineTypeCode {
  const msg = own(ev, 'message');
  const text = typeof msg === 'string' ? msg.replace(/\r?\n$/, '') : '';
  const ts = own(ev, 'timestamp');
  const stream = own(ev, 'logStreamName');
  const logger = group || (typeof stream === 'string' ? stream : '');
  let evMs = NaN;
  let evNs = 0;
  if (fromEpoch(typeof ts === 'number' ? ts : Number(ts), env.time)) {
    evMs = env.time.ms;
    evNs = env.time.subNs;
  }
  if (text.charCodeAt(0) === 123) {
    try {
      const inner: unknown = JSON.parse(text);
      if (isObject(inner)) {
        const type = mapJsonRecord(inner, out, env);
        if (Number.isNaN(out.tMs) || !out.zoned) {
          out.tMs = evMs;
          out.subNs = evNs;
          out.zoned = true;
        }
        if (logger) out.logger = logger;
        return type;
      }
    } catch {
      // a message that merely starts with "{"
    }
  }
  out.tMs = evMs;
  out.subNs = evNs;
  out.zoned = true;
  out.logger = logger;
  const nl = text.indexOf('\n');
  out.text = nl < 0 ? text : text.slice(0, nl);
  return LineType.text;
}
