// The key list: everything the timeline and the list do from the keyboard.

import { useStore } from '../store/store.ts';
import { Dialog } from './Dialog.tsx';

const KEYS: [string, string][] = [
  ['W / S', 'Zoom in / out (around the pointer when it is over the timeline)'],
  ['A / D', 'Pan earlier / later (Shift: bigger steps)'],
  ['F', 'Fit everything'],
  ['Wheel, pinch', 'Zoom around the pointer; horizontal wheel or Shift+wheel pans'],
  ['Drag', 'Pan the timeline; drag along the time axis to select a range'],
  ['Alt+click, R', 'Set the reference point for relative times'],
  ['N / P', 'Next / previous finding'],
  ['E / Shift+E', 'Next / previous error event'],
  ['M / Shift+M', 'Next / previous mark (reload, operation, gap, burst, restart)'],
  ['← → on the timeline', 'Next / previous mark; Enter zooms to it'],
  ['/', 'Query the log list: words, field=value, status>=500, -word, level>=warn'],
  ['V', 'Open the vocabulary: your own words for timeouts, reloads, crashes…'],
  ['↑ ↓ PgUp PgDn Home End', 'Move through the log list'],
  ['Enter', 'Show the selected row on the timeline'],
  ['Esc', 'Clear the range, then the selection'],
];

export function HelpDialog() {
  const open = useStore((s) => s.helpOpen);
  const setOpen = useStore((s) => s.setHelpOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard and mouse">
      <table className="keys">
        <tbody>
          {KEYS.map(([k, v]) => (
            <tr key={k}>
              <th scope="row"><kbd>{k}</kbd></th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
