// The webview's end of the bridge, and the only place that calls acquireVsCodeApi.

import type { BridgeCommand, BridgeNotification, BridgeRequest, HostMessage, ParamsOf, ResultOf, WebviewMessage } from '../src/shared/bridge';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What the webview's state needs from the host; tests can supply their own. */
export interface Host {
  request<M extends BridgeRequest<unknown, unknown>>(message: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  command<M extends BridgeCommand<unknown>>(message: M, params: ParamsOf<M>): void;
  onNotification<M extends BridgeNotification<unknown>>(message: M, listener: (params: ParamsOf<M>) => void): () => void;
  /** UI state kept by VS Code across reloads of the webview. */
  loadUiState(): unknown;
  saveUiState(state: unknown): void;
}

/** How long a request waits for the host's answer. */
const REQUEST_TIMEOUT_MS = 30_000;

export function connectToHost(): Host {
  const vscode = acquireVsCodeApi();
  let nextId = 1;
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<string, Set<(params: never) => void>>();
  const post = (message: WebviewMessage) => vscode.postMessage(message);

  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    if (message?.type === 'response') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    } else if (message?.type === 'notification') {
      for (const listener of listeners.get(message.method) ?? []) listener(message.params as never);
    }
  });

  return {
    request(message, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`The extension host did not answer ${message.method} within ${REQUEST_TIMEOUT_MS / 1000} s.`));
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, {
          resolve: (result) => (clearTimeout(timer), resolve(result as never)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        post({ type: 'request', id, method: message.method, params });
      });
    },
    command(message, params) {
      post({ type: 'command', method: message.method, params });
    },
    onNotification(message, listener) {
      const set = listeners.get(message.method) ?? new Set();
      listeners.set(message.method, set);
      set.add(listener as (params: never) => void);
      return () => set.delete(listener as (params: never) => void);
    },
    loadUiState: () => vscode.getState(),
    saveUiState: (state) => vscode.setState(state),
  };
}
