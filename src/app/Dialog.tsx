// A modal built on the native <dialog> (focus trap, Escape and the backdrop
// come from the browser), opened and closed from store state.

import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: { open: boolean; onClose(): void; title: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { open, onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog ${props.className ?? ''}`} aria-label={props.title} onClose={onClose}>
      <div className="dialog-head">
        <h2>{props.title}</h2>
        <button type="button" className="btn btn-icon" aria-label="Close" onClick={onClose}>×</button>
      </div>
      {open && props.children}
    </dialog>
  );
}
