// The key list: everything the timeline and the list do from the keyboard
// and the pointer, drawn from the same table the key handler runs.

import { useStore } from '../store/store.ts';
import { Dialog } from './Dialog.tsx';
import { KEY_BINDINGS } from './key-bindings.ts';

export function HelpDialog() {
  const open = useStore((s) => s.helpOpen);
  const setOpen = useStore((s) => s.setHelpOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard and mouse">
      <table className="keys">
        <tbody>
          {KEY_BINDINGS.map((b) => (
            <tr key={b.label} data-keys={b.keys.join(' ')} data-scope={b.scope}>
              <th scope="row"><kbd>{b.label}</kbd></th>
              <td>{b.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
