// The contract between the MCP client and a transport. A transport moves JSON-RPC messages and
// knows HTTP or a pipe; it knows nothing about tools.
// The transports: Streamable HTTP, legacy HTTP+SSE and stdio, in ./transports/; ./connect.ts picks one.

import type { Problem } from '../shared/model';
import type { Cancellation } from './cancellation';
import type { JsonRpcMessage } from './jsonRpc';
import type { SessionEndedError } from './problems';

/** Where a transport delivers what the server sends. */
export interface TransportHandlers {
  /** A message from the server, checked to be well-formed JSON-RPC. */
  onMessage(message: JsonRpcMessage): void;
  /** Text from the server that is not a valid message, as it arrived, with the reason. The connection carries on. */
  onMalformed(raw: string, reason: string): void;
  /** Trouble that belongs to no single request (a stream refused or cut, a failed DELETE). */
  onProblem(problem: Problem): void;
  /** Something worth knowing that is not a failure, e.g. a stream resumed. */
  onNote(text: string): void;
  /** The server no longer knows the session, found outside any request (e.g. on the GET stream). */
  onSessionEnded(error: SessionEndedError): void;
  /** A line the server process wrote to its stderr (stdio only): its own diagnostics, not protocol. */
  onStderr(line: string): void;
  /**
   * The connection ended without `close()`: the server process exited, or the stream that carries
   * its answers ended. `problem` says why; no request still waiting can be answered any more.
   */
  onClosed(problem: Problem): void;
}

export interface SendOptions {
  /**
   * Aborting it ends the exchange; in the stateless era closing a request's stream is its
   * cancellation. A Cancellation rather than an AbortSignal: every request has one (see
   * ./cancellation.ts).
   */
  cancellation?: Cancellation;
  /** HTTP headers for this message alone (the stateless era's Mcp-Method, Mcp-Name, Mcp-Param-*); transports without headers ignore them. */
  headers?: Record<string, string>;
}

export interface Transport {
  /** Starts delivering the server's messages to `handlers`; called once, before the first `send`. */
  start(handlers: TransportHandlers): void;
  /**
   * Sends one message. Settles once the exchange that carries it is over: for Streamable HTTP,
   * when the server accepted it and any stream answering it has ended (resumed as needed). Rejects
   * with a McpScopeError when the exchange failed, including a request whose answer never came,
   * and with a SessionEndedError when the server no longer knows the session.
   */
  send(message: JsonRpcMessage, options?: SendOptions): Promise<void>;
  /**
   * The protocol version in use: the one the server agreed to in `initialize`, or the stateless
   * version (2026-07-28 and later) every request declares. Sent with every message once set; a
   * stateless version also means no session, no GET stream and no resumption.
   */
  protocolVersion: string | undefined;
  /** Called once initialization is done (after `notifications/initialized`): streams outside requests may open. */
  sessionStarted(): void;
  /** Forgets a session the server ended, so that the next `initialize` starts a new one (transports with sessions only). */
  renewSession?(): void;
  /** The session id the server assigned, if it uses sessions. */
  readonly sessionId: string | undefined;
  /** Ends the session and stops every stream; trouble on the way is reported to `onProblem`. */
  close(): Promise<void>;
}
