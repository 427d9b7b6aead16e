import { SHORTCUTS } from './keys';

export function ShortcutsOverlay({ close }: { close: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={close}>
      <div class="dialog shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => <tr><th scope="row"><kbd>{s.keys}</kbd></th><td>{s.does}</td></tr>)}
          </tbody>
        </table>
        <button type="button" onClick={close} autoFocus>Close</button>
      </div>
    </div>
  );
}
