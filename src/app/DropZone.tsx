// Document-level drag and drop: files can be dropped anywhere on the page.
// While files are dragged over the window a full-page overlay says where they
// will go. The overlay ignores pointer events so it never swallows the drop.

import { useEffect, useState } from 'react';
import { fromFiles, loadFiles, titleFor } from './load/loader.ts';
import { filesFromDataTransfer } from './load/drop-files.ts';
import { setSampleParam } from './url-state.ts';

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

export function DropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      const dt = e.dataTransfer;
      void filesFromDataTransfer(dt).then((files) => {
        if (files.length === 0) return;
        const dropped = fromFiles(files);
        setSampleParam(null);
        void loadFiles(dropped, titleFor(dropped));
      });
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', overFn);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', overFn);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, []);
  return (
    <div className={`drop-overlay${over ? ' drop-overlay--on' : ''}`} aria-hidden={!over}>
      <div className="drop-card">
        <div className="drop-title">Drop logs to open them</div>
        <div className="drop-sub">Any number of files or folders, plain or .gz. Nothing leaves this browser.</div>
      </div>
    </div>
  );
}
