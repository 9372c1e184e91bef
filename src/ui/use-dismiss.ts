// Close a <details> dropdown when the user clicks anywhere outside it
// (native <details> stays open until its summary is clicked again).

import { useEffect, type RefObject } from 'react';

export function useDismissDetails(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const close = (e: MouseEvent) => {
      const d = ref.current;
      if (d?.open && e.target instanceof Node && !d.contains(e.target)) d.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [ref]);
}
