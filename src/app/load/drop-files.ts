// Files out of a drop: plain files, and folders (walked through the entries
// API, so dropping a whole log directory works). Hidden files are skipped.

const MAX_FILES = 2000;

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (out.length >= MAX_FILES || entry.name.startsWith('.')) return;
  if (entry.isFile) out.push(await entryFile(entry as FileSystemFileEntry));
  else if (entry.isDirectory) {
    const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const c of children) await walk(c, out);
  }
}

/** Must be called synchronously in the drop handler: a DataTransfer empties once the event returns. */
export async function filesFromDataTransfer(dt: DataTransfer): Promise<File[]> {
  const dirs: FileSystemEntry[] = [];
  const out: File[] = [];
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  if (items.length === 0) return Array.from(dt.files);
  for (const item of items) {
    const e = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (e?.isDirectory) dirs.push(e);
    else {
      const f = item.getAsFile();
      if (f) out.push(f);
    }
  }
  for (const d of dirs) await walk(d, out);
  return out;
}
