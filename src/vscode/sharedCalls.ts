// Saved calls in the workspace: `.vscode/mcp-scope.calls.json` of each workspace folder, a call in
// the file of its server's folder (a server of the settings: the first folder's), read again
// whenever one changes (an edit by hand, a teammate's commit pulled) and written when the user
// saves or deletes a call. Reading needs no trust: running a saved call goes through the server's
// own rules. Calls that builds before the file kept in workspace storage are moved into it once.

import * as vscode from 'vscode';
import type { SavedCallStore } from '../inspector/callHistory';
import type { SavedCall, SavedCalls } from '../shared/history';
import type { Problem } from '../shared/model';
import { type FileReading, mergeSavedCalls, readSavedCalls, SAVED_CALLS_PATH, storedSavedCalls, withoutSavedCall, withSavedCall } from './savedCallsFile';

export class SharedCalls implements SavedCallStore {
  /** Reads and writes run one after another, so a write never works on text another write has changed. */
  private queue: Promise<unknown> = Promise.resolve();
  private show: (saved: SavedCalls) => void = () => undefined;
  /** The folder whose file holds each listed call, by name, as last read. */
  private owners = new Map<string, vscode.WorkspaceFolder>();

  /** @param folderOf the workspace folder a server belongs to, whose file keeps its calls. */
  constructor(private readonly folderOf: (serverId: string) => vscode.WorkspaceFolder | undefined) {}

  /** Reads the file now and whenever it or the workspace folders change; `show` hears every reading. */
  watch(show: (saved: SavedCalls) => void): vscode.Disposable {
    this.show = show;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${SAVED_CALLS_PATH.join('/')}`);
    const reread = () => void this.read();
    const disposables = [
      watcher,
      watcher.onDidCreate(reread),
      watcher.onDidChange(reread),
      watcher.onDidDelete(reread),
      vscode.workspace.onDidChangeWorkspaceFolders(reread),
    ];
    reread();
    return vscode.Disposable.from(...disposables);
  }

  /** Reads the file again and shows what it holds. */
  read(): Promise<void> {
    return this.inTurn(() => this.readNow());
  }

  put(call: SavedCall): Promise<void> {
    return this.inTurn(async () => {
      const folder = this.folderOf(call.serverId);
      const before = this.owners.get(call.name);
      await this.change(folder, (text, file) => withSavedCall(text, call, file));
      // Saved again for a server of another folder: the call moves to that folder's file.
      if (before && folder && before.uri.toString() !== folder.uri.toString()) await this.change(before, (text, file) => withoutSavedCall(text, call.name, file));
      await this.readNow();
    });
  }

  remove(name: string): Promise<void> {
    return this.inTurn(async () => {
      const folder = this.owners.get(name);
      if (folder) await this.change(folder, (text, file) => withoutSavedCall(text, name, file));
      await this.readNow();
    });
  }

  /**
   * Moves the saved calls an older build kept in workspace storage (under `key`, next to the past
   * calls) into the files, once: a name the files have already keeps their call. Resolves with
   * what kept them from being moved (they then stay in storage for the next try).
   */
  adoptStored(state: vscode.Memento, key: string): Promise<Problem | undefined> {
    const stored = storedSavedCalls(state.get(key));
    if (stored.length === 0) return Promise.resolve(undefined);
    return this.inTurn(async () => {
      await this.readNow();
      try {
        for (const call of stored) {
          if (!this.owners.has(call.name)) await this.change(this.folderOf(call.serverId), (text, file) => withSavedCall(text, call, file));
        }
      } catch (error) {
        return {
          summary: `MCP Scope could not move ${stored.length} saved call${stored.length === 1 ? '' : 's'} of an older version into the workspace's files: ${(error as Error).message}`,
          advice: 'It tries again the next time the window opens.',
        };
      } finally {
        await this.readNow();
      }
      // Read again: the past calls may have been stored meanwhile.
      const now = state.get(key);
      if (typeof now === 'object' && now !== null) await state.update(key, Object.fromEntries(Object.entries(now).filter(([name]) => name !== 'saved')));
      return undefined;
    });
  }

  /** Changes the file of `folder` (creating it), or fails saying why. */
  private async change(folder: vscode.WorkspaceFolder | undefined, change: (text: string, file: string) => string | Problem): Promise<void> {
    if (!folder) {
      throw new Error(`MCP Scope keeps saved calls in ${SAVED_CALLS_PATH.join('/')} of the workspace folder, and no folder is open. Open a folder, then try again.`);
    }
    const location = savedCallsLocation(folder);
    const text = (await readText(location.uri)) ?? '';
    const next = change(text, location.file);
    if (typeof next !== 'string') throw new Error(next.advice ? `${next.summary} ${next.advice}` : next.summary);
    if (next !== text) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(location.uri, '..'));
      await vscode.workspace.fs.writeFile(location.uri, new TextEncoder().encode(next));
    }
  }

  private async readNow(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return this.show({ calls: [], problems: [] });
    const readings = await Promise.all(folders.map(readFolder));
    const { calls, problems, owners } = mergeSavedCalls(readings);
    this.owners = new Map([...owners].map(([name, index]) => [name, folders[index]]));
    const path = SAVED_CALLS_PATH.join('/');
    this.show({ calls, file: folders.length > 1 ? `${path} of the server’s workspace folder` : path, problems });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** The file of a folder, and its name as a person reads it (with the folder's, in a workspace of several). */
function savedCallsLocation(folder: vscode.WorkspaceFolder): { uri: vscode.Uri; file: string } {
  const path = SAVED_CALLS_PATH.join('/');
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return { uri: vscode.Uri.joinPath(folder.uri, ...SAVED_CALLS_PATH), file: several ? `${path} of ${folder.name}` : path };
}

/** What a folder's file holds; a file that cannot be read is a problem, not an error. */
async function readFolder(folder: vscode.WorkspaceFolder): Promise<FileReading> {
  const { uri, file } = savedCallsLocation(folder);
  let text: string | undefined;
  try {
    text = await readText(uri);
  } catch (error) {
    return { file, calls: [], problems: [{ summary: `MCP Scope could not read ${file}: ${(error as Error).message}`, advice: 'Check the file and its permissions.' }] };
  }
  const { calls, problems } = readSavedCalls(text ?? '', file);
  return { file, calls, problems };
}

/** The file's text; undefined when there is no such file. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
