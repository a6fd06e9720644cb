// The debug sessions that run servers: which launch configuration and folder each was started
// from (so Start and Connect knows the server runs already, whatever the session is called now),
// and whether it is stopped at a breakpoint or a step, so that calls to that server wait for the
// person at the debugger instead of timing out. js-debug runs the program in a child session of
// the one started from launch.json: a session counts for the configuration of its root.

import * as vscode from 'vscode';

/** A server whose entry names a launch configuration, and the folder that configuration is read from. */
export interface LaunchedServer {
  serverId: string;
  launch: string;
  folder: vscode.WorkspaceFolder | undefined;
}

/** What the debug sessions tell of the servers they run. */
export interface ServerProgramListener {
  /** Holds the time limits of a server's requests, saying why, or releases them (undefined). */
  hold(serverId: string, because: string | undefined): void;
  /**
   * A server's program ended or is being restarted by the debugger: a server without a session or
   * an open stream would not notice it otherwise, and a restart often falls between two
   * heartbeats. `running` tells, later, whether a debug session of that program runs again.
   */
  ended(serverId: string, because: string, running: () => boolean): void;
  /** A debug session of a server's program started. */
  started(serverId: string): void;
}

/** The requests by which the debugger lets a stopped program run again. */
const RUNNING_AGAIN = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restart', 'restartFrame']);

export class ServerDebugSessions implements vscode.Disposable {
  /** The root sessions running now, by id. */
  private readonly roots = new Map<string, vscode.DebugSession>();
  /** The sessions stopped now (by id), with the root each belongs to. */
  private readonly stopped = new Map<string, vscode.DebugSession>();
  /** The servers held now, with the root session that holds them. */
  private readonly held = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];

  /** @param servers the servers that name a launch configuration, as configured now. */
  constructor(
    private readonly servers: () => LaunchedServer[],
    private readonly listener: ServerProgramListener,
  ) {
    const tracker = (session: vscode.DebugSession): vscode.DebugAdapterTracker => ({
      onDidSendMessage: (message: { type?: string; event?: string; body?: { allThreadsContinued?: boolean } }) => {
        if (message.type !== 'event') return;
        if (message.event === 'stopped') this.setStopped(session, true);
        else if (message.event === 'continued' || message.event === 'terminated' || message.event === 'exited') this.setStopped(session, false);
      },
      onWillReceiveMessage: (message: { type?: string; command?: string }) => {
        if (message.type !== 'request' || message.command === undefined) return;
        if (RUNNING_AGAIN.has(message.command)) this.setStopped(session, false);
        if (message.command === 'restart') this.programEnded(session, 'restarts');
      },
      onWillStopSession: () => this.setStopped(session, false),
    });
    this.disposables = [
      vscode.debug.registerDebugAdapterTrackerFactory('*', { createDebugAdapterTracker: tracker }),
      vscode.debug.onDidStartDebugSession((session) => {
        if (session.parentSession) return;
        this.roots.set(session.id, session);
        for (const { serverId } of this.serversOf(session)) this.listener.started(serverId);
      }),
      vscode.debug.onDidTerminateDebugSession((session) => {
        this.setStopped(session, false);
        this.roots.delete(session.id);
        this.programEnded(session, 'ended');
      }),
    ];
    // A session started before MCP Scope was activated.
    const active = vscode.debug.activeDebugSession && rootOf(vscode.debug.activeDebugSession);
    if (active) this.roots.set(active.id, active);
  }

  /** Whether a session started from this launch configuration of this folder runs now. */
  isRunning(launch: string, folder: vscode.WorkspaceFolder | undefined): boolean {
    return [...this.roots.values()].some((session) => startedFrom(session, launch, folder));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    for (const serverId of this.held.keys()) this.listener.hold(serverId, undefined);
    this.held.clear();
  }

  private setStopped(session: vscode.DebugSession, stopped: boolean): void {
    if (stopped === this.stopped.has(session.id)) return;
    if (stopped) this.stopped.set(session.id, session);
    else this.stopped.delete(session.id);
    this.update();
  }

  private programEnded(session: vscode.DebugSession, how: string): void {
    const root = rootOf(session);
    for (const { serverId, launch, folder } of this.serversOf(root)) {
      this.listener.ended(serverId, `The debugger ${how} ${serverId} (${root.name})`, () => this.isRunning(launch, folder));
    }
  }

  /** The servers whose launch configuration started this root session. */
  private serversOf(root: vscode.DebugSession): LaunchedServer[] {
    return this.servers().filter(({ launch, folder }) => startedFrom(root, launch, folder));
  }

  /** Holds every server whose root session has a stopped session under it, and releases the rest. */
  private update(): void {
    const stoppedRoots = new Map([...this.stopped.values()].map((session) => [rootOf(session).id, rootOf(session)]));
    for (const { serverId, launch, folder } of this.servers()) {
      const root = [...stoppedRoots.values()].find((session) => startedFrom(session, launch, folder));
      if (root && this.held.get(serverId) !== root.id) {
        this.held.set(serverId, root.id);
        this.listener.hold(serverId, `${serverId} is paused in the debugger (${root.name})`);
      } else if (!root && this.held.delete(serverId)) {
        this.listener.hold(serverId, undefined);
      }
    }
  }
}

function rootOf(session: vscode.DebugSession): vscode.DebugSession {
  let root = session;
  while (root.parentSession) root = root.parentSession;
  return root;
}

/** Whether the session was started from the launch configuration `launch` of `folder` (a session outside any folder counts for every folder). */
function startedFrom(session: vscode.DebugSession, launch: string, folder: vscode.WorkspaceFolder | undefined): boolean {
  if (session.configuration.name !== launch) return false;
  return !session.workspaceFolder || !folder || session.workspaceFolder.uri.toString() === folder.uri.toString();
}
