// Paste log text (from a terminal, a chat, a ticket) instead of saving a file.

import { useState } from 'react';
import { useStore } from '../store/store.ts';
import { Dialog } from './Dialog.tsx';
import { loadFiles } from './load/loader.ts';
import { setSampleParam } from './url-state.ts';

export function PasteDialog() {
  const open = useStore((s) => s.pasteOpen);
  const setOpen = useStore((s) => s.setPasteOpen);
  const [text, setText] = useState('');
  const [name, setName] = useState('pasted.log');
  const submit = () => {
    if (!text.trim()) return;
    setOpen(false);
    setSampleParam(null);
    const safeName = name.trim() || 'pasted.log';
    void loadFiles([{ name: safeName, blob: new Blob([text], { type: 'text/plain' }), lastModified: Date.now() }], safeName);
    setText('');
  };
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Paste log text" className="dialog-paste">
      <form
        className="paste-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field field-grow">
          <span>Log lines</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            placeholder={'2024-05-01T10:00:00Z INFO server started\n{"time":"2024-05-01T10:00:01Z","level":"error","msg":"..."}'}
            autoFocus
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={!text.trim()}>Load</button>
        </div>
      </form>
    </Dialog>
  );
}
