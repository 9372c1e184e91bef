// Document-level drag and drop: files can be dropped anywhere on the page.
// While files are dragged over the window a full-page overlay says where they
// will go. The overlay ignores pointer events so it never swallows the drop.
// With a session loaded, a drop adds the files to it; replacing the session
// is a choice of its own: the strip along the bottom of the overlay.

import { useEffect, useState } from 'react';
import { addFiles, canAddFiles, fromFiles, loadFiles, titleFor } from './load/loader.ts';
import { filesFromDataTransfer } from './load/drop-files.ts';
import { setSampleParam } from './url-state.ts';

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

/** Did the drop land on the "replace" strip? */
function onReplaceStrip(e: DragEvent): boolean {
  const el = document.querySelector('.drop-replace');
  if (!(el instanceof HTMLElement)) return false;
  const r = el.getBoundingClientRect();
  return e.clientY >= r.top && e.clientY <= r.bottom && e.clientX >= r.left && e.clientX <= r.right;
}

export function DropZone() {
  const [over, setOver] = useState(false);
  const [adding, setAdding] = useState(false);
  const [replaceHover, setReplaceHover] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setAdding(canAddFiles());
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOver(true);
      setReplaceHover(onReplaceStrip(e));
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
      // Decided now: the overlay (and its strip) goes away with this event.
      const replace = !canAddFiles() || onReplaceStrip(e);
      setReplaceHover(false);
      void filesFromDataTransfer(dt).then((files) => {
        if (files.length === 0) return;
        const dropped = fromFiles(files);
        setSampleParam(null);
        if (replace) void loadFiles(dropped, titleFor(dropped));
        else void addFiles(dropped);
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
    <div className={`drop-overlay${over ? ' drop-overlay--on' : ''}${adding ? ' drop-overlay--adding' : ''}`} aria-hidden={!over}>
      <div className={`drop-card${adding && !replaceHover ? ' drop-card--target' : ''}`}>
        <div className="drop-title">{adding ? 'Drop to add to this session' : 'Drop logs to open them'}</div>
        <div className="drop-sub">
          {adding ? 'Each file gets a lane; the analysis runs again on all of them.' : 'Any number of files or folders, plain or .gz. Nothing leaves this browser.'}
        </div>
      </div>
      {adding && (
        <div className={`drop-replace${replaceHover ? ' drop-replace--target' : ''}`}>
          <span className="drop-title">Drop here to replace the session</span>
          <span className="drop-sub">The files loaded now are closed.</span>
        </div>
      )}
    </div>
  );
}
