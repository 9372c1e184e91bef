// OpenTelemetry logs as the collector's file exporter writes them (OTLP/JSON,
// one export request per line): resourceLogs[].scopeLogs[].logRecords[].
// Each log record becomes an event; the service name (resource attribute) or
// the instrumentation scope names the lane.
// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding

import { isObject, own, type JsonObject } from './json-record.ts';

function list(o: JsonObject, key: string): JsonObject[] {
  const v = own(o, key);
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** `service.name` from a resource's attributes [{key, value: {stringValue}}]. */
function serviceName(resource: unknown): string {
  if (!isObject(resource)) return '';
  for (const a of list(resource, 'attributes')) {
    const v = own(a, 'value');
    if (own(a, 'key') === 'service.name' && isObject(v) && typeof own(v, 'stringValue') === 'string') return own(v, 'stringValue') as string;
  }
  return '';
}

/** The log records of an OTLP export request with their lane, or null when the object is not one. */
export function otlpRecords(o: JsonObject): { record: JsonObject; logger: string }[] | null {
  const resourceLogs = own(o, 'resourceLogs');
  if (!Array.isArray(resourceLogs)) return null;
  const out: { record: JsonObject; logger: string }[] = [];
  for (const rl of resourceLogs.filter(isObject)) {
    const service = serviceName(own(rl, 'resource'));
    for (const sl of list(rl, 'scopeLogs')) {
      const scope = own(sl, 'scope');
      const scopeName = isObject(scope) && typeof own(scope, 'name') === 'string' ? (own(scope, 'name') as string) : '';
      for (const record of list(sl, 'logRecords')) out.push({ record, logger: service || scopeName });
    }
  }
  return out;
}
