// One chDB endpoint with the generated incident for a test file: built once
// (a second or two for the tests' few hundred thousand rows; the benchmark
// builds millions), closed by the file's afterAll. When
// chDB is not installed the tests are skipped locally but fail in CI
// (.ci/run sets TIMBERLINE_REQUIRE_CHDB), so they cannot silently stop running.

import { chdbAvailable, openChdb, startChdbServer, type ChdbServer, type ChdbSession } from './chdb-server.ts';
import { createIncident } from './incident.ts';

export const USER = 'timberline';
export const PASSWORD = 'not-in-any-link-7f3a';
/** Steady rows in the tests' table: enough that the incident is a needle (well under 1% of it), small enough to keep CI short; the bench loads millions. */
export const INCIDENT_ROWS = Number(process.env.TIMBERLINE_CH_ROWS ?? 400_000);

export const HAVE_CHDB = chdbAvailable();
const INSTALL = 'chDB is not installed: run `npm ci --prefix test/clickhouse` (the ClickHouse tests need it).';
if (!HAVE_CHDB && process.env.TIMBERLINE_REQUIRE_CHDB) throw new Error(INSTALL);
if (!HAVE_CHDB) console.warn(`Skipping the ClickHouse tests: ${INSTALL}`);

export interface Endpoint {
  session: ChdbSession;
  server: ChdbServer;
  rows: number;
}

export async function startEndpoint(rows = INCIDENT_ROWS): Promise<Endpoint> {
  const session = openChdb();
  const total = await createIncident(session, rows);
  const server = await startChdbServer(session, { user: USER, password: PASSWORD });
  return { session, server, rows: total };
}

export async function stopEndpoint(e: Endpoint | undefined): Promise<void> {
  if (!e) return;
  await e.server.close();
  e.session.close();
}
