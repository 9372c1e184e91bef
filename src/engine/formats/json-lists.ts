// The key lists the JSON fast path reads, compiled to nodes of json-keys.ts:
// json-record.ts's own lists (time, level, message, logger, extra, status),
// the same inside GCP's jsonPayload, Caddy's request, tracing's fields, the
// keys an operation's subject comes from, and the keys whose mere presence
// sends a line to the full path. Each node also carries the bits of the lists
// it is in, so the mapping can skip a list a line has no key of.

import { EXTRA_KEYS, GCP_LOGGER_KEYS, LEVEL_KEYS, LOGGER_KEYS, MESSAGE_KEYS, REQUEST_METHOD_KEYS, REQUEST_PATH_KEYS, STATUS_KEYS, TIME_KEYS } from './json-record.ts';
import { INNER_OBJECT, INNER_TEXT, SUBJECT_KEYS } from '../classify/subject.ts';
import { keyList, listNodes, node, NODES, seal, TOP, topNodes } from './json-keys.ts';

/** Present at all (any value): the full path decides (payload wrappers, journald, GCP audit). */
export const FALLBACK_KEYS = ['httpRequest', 'protoPayload', '__REALTIME_TIMESTAMP', 'PRIORITY'];
export const TIME = keyList(TOP, TIME_KEYS);
export const LEVEL = keyList(TOP, LEVEL_KEYS);
export const MESSAGE = keyList(TOP, MESSAGE_KEYS);
export const LOGGER = keyList(TOP, LOGGER_KEYS);
export const EXTRA = keyList(TOP, EXTRA_KEYS);
export const STATUS = keyList(TOP, STATUS_KEYS);
export const FALLBACK = topNodes(FALLBACK_KEYS);
/** Looked at for envelopes, Serilog templates and pino's logger name. */
export const [S_MT, S_STREAM, S_LINE, S_LABELS, S_PID, S_HOSTNAME, S_LEVELNAME, S_NAME, S_MSG, S_MESSAGE, S_M, S_LOG, S_TIME, S_TIMESTAMP, S_RESPONSE_FLAGS] =
  topNodes(['@mt', 'stream', 'line', 'labels', 'pid', 'hostname', 'levelname', 'name', 'msg', 'message', '@m', 'log', 'time', 'timestamp', 'response_flags']);
/** tracing-subscriber: `fields.message` is the message (its own key only, no dotted lookups). */
export const S_FIELDS = node(TOP, 'fields');
export const S_FIELDS_MESSAGE = node(S_FIELDS, 'message');
/** Caddy's "handled request": the message is described from `request` (or the record itself). */
export const S_REQUEST = node(TOP, 'request');
export const REQ_METHOD = keyList(S_REQUEST, REQUEST_METHOD_KEYS);
export const REQ_PATH = keyList(S_REQUEST, REQUEST_PATH_KEYS);
export const TOP_METHOD = keyList(TOP, REQUEST_METHOD_KEYS);
export const TOP_PATH = keyList(TOP, REQUEST_PATH_KEYS);
/** GCP LogEntry: the record's own keys first, then the same lists inside `jsonPayload`; the logger from `resource`. */
export const S_PAYLOAD = node(TOP, 'jsonPayload');
export const P_TIME = keyList(S_PAYLOAD, TIME_KEYS);
export const P_LEVEL = keyList(S_PAYLOAD, LEVEL_KEYS);
export const P_MESSAGE = keyList(S_PAYLOAD, MESSAGE_KEYS);
export const P_LOGGER = keyList(S_PAYLOAD, LOGGER_KEYS);
export const P_EXTRA = keyList(S_PAYLOAD, EXTRA_KEYS);
export const GCP_LOGGER = keyList(TOP, GCP_LOGGER_KEYS);
/** Any of these (or a jsonPayload object) makes the logger come from GCP_LOGGER when the record names none. */
export const GCP_MARKS = topNodes(['textPayload', 'protoPayload', 'insertId', 'logName']);
export const SUBJECT = topNodes(SUBJECT_KEYS);
export const SUBJECT_INNER_TEXT = topNodes(INNER_TEXT);
export const SUBJECT_INNER_OBJECT = topNodes(INNER_OBJECT);
/** Inside GCP's jsonPayload and tracing's `fields`: their subject keys, and the envelopes the full parse would look into further. */
export const PAYLOAD_SUBJECT = Int32Array.from(SUBJECT_KEYS, (k) => node(S_PAYLOAD, k));
export const PAYLOAD_INNER = Int32Array.from([...INNER_OBJECT, ...INNER_TEXT], (k) => node(S_PAYLOAD, k));
export const FIELDS_SUBJECT = Int32Array.from(SUBJECT_KEYS, (k) => node(S_FIELDS, k));
export const FIELDS_INNER = Int32Array.from([...INNER_OBJECT, ...INNER_TEXT], (k) => node(S_FIELDS, k));
// Every node is made: freeze the lookup table.
seal();
export const FALLBACK_MASK = new Uint8Array(NODES);
for (const n of FALLBACK) FALLBACK_MASK[n] = 1;
/**
 * Bit per key list: NODE_LISTS[n] has the bits of the lists node n is in, and
 * a line's `listsSeen` the bits of the lists with some node present, so the
 * mapping skips a list none of whose keys the line has (most lines hold no
 * status, error or request keys).
 */
export const L_TIME = 1;
export const L_LEVEL = 2;
export const L_MESSAGE = 4;
export const L_LOGGER = 8;
export const L_EXTRA = 16;
export const L_STATUS = 32;
export const L_REQUEST = 64;
export const L_SUBJECT = 128;
export const L_PAYLOAD = 256;
export const L_GCP = 512;
/** The record's own subject keys (SUBJECT, SUBJECT_INNER_OBJECT): one bit answers "does it name a subject itself?" for Docker envelopes. */
export const L_OWN_SUBJECT = 1024;
/**
 * Lists most lines of a dialect that has them lack, with bits of their own (a
 * GCP record has jsonPayload, so L_PAYLOAD is always seen, but rarely a logger
 * or error key in it): without them each line walked every key of each list.
 */
export const L_P_LOGGER = 2048;
export const L_P_EXTRA = 4096;
export const L_GCP_LOGGER = 8192;
/** The record's own subject keys (SUBJECT), and those inside jsonPayload or tracing's fields. */
export const L_TOP_SUBJECT = 16384;
export const L_INNER_SUBJECT = 32768;
export const NODE_LISTS = new Uint16Array(NODES);
export const inList = (bit: number, nodes: ArrayLike<number>) => {
  for (let k = 0; k < nodes.length; k++) NODE_LISTS[nodes[k]] |= bit;
};
inList(L_TIME, listNodes(TIME));
inList(L_LEVEL, listNodes(LEVEL));
inList(L_MESSAGE, listNodes(MESSAGE));
inList(L_LOGGER, listNodes(LOGGER));
inList(L_EXTRA, listNodes(EXTRA));
inList(L_STATUS, listNodes(STATUS));
for (const l of [REQ_METHOD, REQ_PATH, TOP_METHOD, TOP_PATH]) inList(L_REQUEST, listNodes(l));
inList(L_OWN_SUBJECT, [...SUBJECT, ...SUBJECT_INNER_OBJECT]);
inList(L_SUBJECT, [...SUBJECT, ...SUBJECT_INNER_TEXT, ...SUBJECT_INNER_OBJECT, ...PAYLOAD_SUBJECT, ...PAYLOAD_INNER, ...FIELDS_SUBJECT, ...FIELDS_INNER]);
for (const l of [P_TIME, P_LEVEL, P_MESSAGE, P_LOGGER, P_EXTRA]) inList(L_PAYLOAD, listNodes(l));
inList(L_GCP, [...GCP_MARKS, ...listNodes(GCP_LOGGER)]);
inList(L_P_LOGGER, listNodes(P_LOGGER));
inList(L_P_EXTRA, listNodes(P_EXTRA));
inList(L_GCP_LOGGER, listNodes(GCP_LOGGER));
inList(L_TOP_SUBJECT, SUBJECT);
inList(L_INNER_SUBJECT, [...PAYLOAD_SUBJECT, ...PAYLOAD_INNER, ...FIELDS_SUBJECT, ...FIELDS_INNER]);
