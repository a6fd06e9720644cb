import { useSignal } from '@preact/signals';
import type { Root, ServerSummary } from '../../../src/shared/model';
import type { InspectorState } from '../../state/inspectorState';

/**
 * The roots a server gets from `roots/list`: the workspace folders, unless edited here. Each change
 * goes to the host at once, which tells a connected server that its roots changed.
 */
export function RootsEditor({ server, state }: { server: ServerSummary; state: InspectorState }) {
  const roots = server.roots ?? [];
  const uri = useSignal('');
  const name = useSignal('');
  const problem = useSignal<string | undefined>(undefined);
  // The editor is drawn only while open: a server list of closed editors stays light.
  const open = useSignal(false);
  const prefix = `roots-${server.id.replace(/[^A-Za-z0-9-]/g, '_')}`;

  const save = (next: Root[] | null) => {
    problem.value = undefined;
    return state.answers.setRoots(server.id, next).then(
      () => true,
      (error: unknown) => {
        problem.value = error instanceof Error ? error.message : String(error);
        return false;
      },
    );
  };
  const add = (event: Event) => {
    event.preventDefault();
    const typed = uri.value.trim();
    if (!typed.startsWith('file://')) {
      problem.value = 'A root is a file:// URI, e.g. file:///home/me/project.';
      return;
    }
    void save([...roots, { uri: typed, ...(name.value.trim() && { name: name.value.trim() }) }]).then((saved) => {
      if (!saved) return;
      uri.value = '';
      name.value = '';
    });
  };

  return (
    <details class="roots" open={open.value} onToggle={(event) => (open.value = event.currentTarget.open)}>
      <summary>
        Roots ({roots.length}){server.rootsEdited ? ', edited' : ', the workspace folders'}
      </summary>
      {open.value && (
        <>
          {roots.length === 0 && <p class="placeholder">No roots: the server is told of no folder.</p>}
          <ul class="roots-list" aria-label={`Roots of ${server.id}`}>
            {roots.map((root, index) => (
              <li key={`${index}-${root.uri}`} class="root">
                <span class="root-name">{root.name ?? '(no name)'}</span>
                <span class="mono root-uri">{root.uri}</span>
                <button
                  type="button"
                  class="icon-button"
                  title="Remove this root"
                  aria-label={`Remove root ${root.name ?? root.uri}`}
                  onClick={() => void save(roots.filter((_, other) => other !== index))}
                >
                  <span class="codicon codicon-trash" aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
          <form class="root-add" onSubmit={add} noValidate>
            <label for={`${prefix}-uri`}>Root URI</label>
            <input type="text" id={`${prefix}-uri`} placeholder="file:///path/to/folder" value={uri.value} onInput={(event) => (uri.value = event.currentTarget.value)} />
            <label for={`${prefix}-name`}>Root name</label>
            <input type="text" id={`${prefix}-name`} value={name.value} onInput={(event) => (name.value = event.currentTarget.value)} />
            <div class="form-actions">
              <button type="submit" class="secondary">
                Add root
              </button>
              {server.rootsEdited && (
                <button type="button" class="secondary" onClick={() => void save(null)}>
                  Use the workspace folders
                </button>
              )}
            </div>
          </form>
          {problem.value && (
            <p class="field-error" role="alert">
              {problem.value}
            </p>
          )}
        </>
      )}
    </details>
  );
}
