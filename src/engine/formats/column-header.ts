// The header row of a table printed by a command whose output people paste
// with their logs: `kubectl get events` (`LAST SEEN   TYPE   REASON   OBJECT
// MESSAGE`, or `TIME   REASON   MSG` with custom columns), `kubectl get pods`,
// `docker ps`. It names the columns; it is no event, so it counts as a
// continuation line, as a CSV file's header row does (csv.ts), and the rows
// below it are read as they are.

/** A column name: capitals, digits and a few joiners, at most two words ("LAST SEEN", "CONTAINER ID"). */
const NAME = String.raw`[A-Z][A-Z0-9_().#%/-]*(?: [A-Z][A-Z0-9_().#%/-]*)?`;

/** Three or more names, each apart from the next by two spaces or a tab (how such tables align). */
const HEADER_ROW = new RegExp(String.raw`^${NAME}(?:(?: {2,}|\t+)${NAME}){2,}$`);

/** Is this line the header row of a column-aligned table? */
export function isColumnHeader(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 65 || c > 90 || text.length > 400) return false;
  return HEADER_ROW.test(text.trimEnd());
}
