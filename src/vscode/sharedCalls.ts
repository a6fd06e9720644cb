// Saved calls in the workspace: `.vscode/mcp-scope.calls.json` of the first workspace folder, read
// again whenever it changes (an edit by hand, a teammate's commit pulled) and written when the
// user saves or deletes a call. Reading needs no trust: running a saved call goes through the
// server's own rules.

import * as vscode from 'vscode';
import type { SavedCallStore } from '../inspector/callHistory';
import type { SavedCall, SavedCalls } from '../shared/history';
import type { Problem } from '../shared/model';
import { readSavedCalls, SAVED_CALLS_PATH, withoutSavedCall, withSavedCall } from './savedCallsFile';

export class SharedCalls implements SavedCallStore {
  /** Reads and writes run one after another, so a write never works on text another write has changed. */
  private queue: Promise<unknown> = Promise.resolve();
  private show: (saved: SavedCalls) => void = () => undefined;

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
    return this.write((text, file) => withSavedCall(text, call, file));
  }

  remove(name: string): Promise<void> {
    return this.write((text, file) => withoutSavedCall(text, name, file));
  }

  private write(change: (text: string, file: string) => string | Problem): Promise<void> {
    return this.inTurn(async () => {
      const location = savedCallsLocation();
      if (!location) {
        throw new Error(`MCP Scope keeps saved calls in ${SAVED_CALLS_PATH.join('/')} of the workspace folder, and no folder is open. Open a folder, then try again.`);
      }
      const text = (await readText(location.uri)) ?? '';
      const next = change(text, location.file);
      if (typeof next !== 'string') throw new Error(next.advice ? `${next.summary} ${next.advice}` : next.summary);
      if (next !== text) {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(location.uri, '..'));
        await vscode.workspace.fs.writeFile(location.uri, new TextEncoder().encode(next));
      }
      await this.readNow();
    });
  }

  private async readNow(): Promise<void> {
    const location = savedCallsLocation();
    if (!location) return this.show({ calls: [], problems: [] });
    let text: string | undefined;
    try {
      text = await readText(location.uri);
    } catch (error) {
      const problem = { summary: `MCP Scope could not read ${location.file}: ${(error as Error).message}`, advice: 'Check the file and its permissions.' };
      return this.show({ calls: [], file: location.file, problems: [problem] });
    }
    const { calls, problems } = readSavedCalls(text ?? '', location.file);
    this.show({ calls, file: location.file, problems });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** The file of the first workspace folder, and its name as a person reads it; undefined when no folder is open. */
function savedCallsLocation(): { uri: vscode.Uri; file: string } | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders[0];
  if (!folder) return undefined;
  const path = SAVED_CALLS_PATH.join('/');
  return { uri: vscode.Uri.joinPath(folder.uri, ...SAVED_CALLS_PATH), file: folders.length > 1 ? `${path} of ${folder.name}` : path };
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
