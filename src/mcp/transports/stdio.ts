// stdio: MCP Scope starts the server as a child process and speaks newline-delimited JSON-RPC on
// its stdin and stdout; what it writes to stderr is its own diagnostics, shown line by line.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Problem } from '../../shared/model';
import { describeEndpoint, type StdioEndpoint } from '../endpoint';
import { parseJsonRpcText, type JsonRpcMessage } from '../jsonRpc';
import { ConnectionClosedError, McpScopeError } from '../problems';
import type { Transport, TransportHandlers } from '../transport';
import type { WireRecorder } from '../wire';
import { LineSplitter } from './lineSplitter';

export interface StdioOptions extends Omit<StdioEndpoint, 'transport'> {
  /** The longest line the server may write to stdout, in bytes; a longer one is skipped with an error (default 16 MiB). */
  maxLineBytes?: number;
  /** How long closing waits after ending stdin, and again after SIGTERM, before the next step, in milliseconds (default 2000). */
  closeGraceMs?: number;
  /** Receives every line written to the server and read from it. */
  recorder?: WireRecorder;
}

/** How many of the server's last stderr lines a crash report quotes. */
const STDERR_LINES_QUOTED = 5;
const STDERR_LINE_QUOTED_CHARS = 300;
/** How long an exit waits for the rest of stdout, so that answers written just before it still arrive. */
const STDOUT_DRAIN_MS = 500;
/** Process groups let closing reach what the server started itself (npx, shells); Windows has none. */
const OWN_PROCESS_GROUP = process.platform !== 'win32';

export class StdioTransport implements Transport {
  protocolVersion: string | undefined;
  readonly sessionId = undefined;
  private handlers: TransportHandlers | undefined;
  private child: ChildProcess | undefined;
  /** Settles once the process is running, or rejects with the reason it could not start. */
  private spawned: Promise<void> = Promise.reject(new Error('StdioTransport.send() before start()'));
  /** Resolves when the process has exited (or never started). */
  private exited: Promise<void> = Promise.resolve();
  /** Why the process is gone, once it exited on its own. */
  private gone: Problem | undefined;
  private closing: Promise<void> | undefined;
  private readonly recentStderr: string[] = [];
  private readonly commandLine: string;

  constructor(private readonly options: StdioOptions) {
    this.commandLine = describeEndpoint({ transport: 'stdio', command: options.command, args: options.args });
    this.spawned.catch(() => undefined);
  }

  /** The server process's id, once it started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(handlers: TransportHandlers): void {
    this.handlers = handlers;
    const { command, args = [], env, cwd } = this.options;
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: OWN_PROCESS_GROUP,
      windowsHide: true,
    });
    this.child = child;
    this.spawned = new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => {
        if (child.pid === undefined) reject(new McpScopeError(this.spawnProblem(error), { cause: error }));
      });
    });
    // The first send reports a failed start; nobody else waits for it.
    this.spawned.catch(() => undefined);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => child.pid === undefined && resolve());
    });
    child.on('error', (error) => {
      if (child.pid !== undefined) handlers.onProblem({ summary: `The server process ${this.commandLine} failed: ${error.message}.` });
    });
    // A write to a process that is gone fails in its write callback, which send() reports; the
    // stream's own error event must still be heard or Node would throw it.
    child.stdin?.on('error', () => undefined);

    const maxLineBytes = this.options.maxLineBytes ?? 16 * 1024 * 1024;
    const stdout = new LineSplitter({
      maxLineBytes,
      onLine: (line) => this.receive(line),
      onOverflow: (start) =>
        handlers.onMalformed(
          start,
          `a line on stdout longer than the limit of ${maxLineBytes} bytes; it was skipped up to its end and only its start is shown`,
        ),
    });
    const stderr = new LineSplitter({
      maxLineBytes,
      onLine: (line) => this.receiveStderr(line),
      onOverflow: (start) => this.receiveStderr(start),
    });
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stdout?.on('end', () => stdout.end());
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stderr?.on('end', () => stderr.end());

    const stdoutClosed = new Promise((resolve) => child.stdout?.once('close', resolve));
    child.once('exit', (code, signal) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drained = new Promise((resolve) => (timer = setTimeout(resolve, STDOUT_DRAIN_MS)));
      void Promise.race([stdoutClosed, drained]).then(() => {
        clearTimeout(timer);
        this.exitedOnItsOwn(code, signal);
      });
    });
  }

  async send(message: JsonRpcMessage): Promise<void> {
    await this.spawned;
    const child = this.child!;
    if (this.gone) throw new ConnectionClosedError(this.gone);
    const what = 'method' in message ? message.method : 'a response';
    const line = JSON.stringify(message);
    this.options.recorder?.stdio('stdin', line);
    await new Promise<void>((resolve, reject) => {
      child.stdin!.write(`${line}\n`, (error) => {
        if (!error) return resolve();
        reject(
          new McpScopeError(
            {
              summary: `Could not write ${what} to the stdin of ${this.commandLine}: ${error.message}.`,
              advice: 'The server process may have exited or closed its stdin; its stderr is on the timeline.',
            },
            { cause: error },
          ),
        );
      });
    });
  }

  sessionStarted(): void {
    // stdio has no streams beyond the pipe.
  }

  /** Ends stdin, then sends SIGTERM, then SIGKILL, each after the grace period; resolves once the process is gone. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const grace = this.options.closeGraceMs ?? 2000;
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      if (!(await this.exitsWithin(grace))) {
        this.signal('SIGTERM');
        if (!(await this.exitsWithin(grace))) {
          this.signal('SIGKILL');
          await this.exited;
        }
      }
    }
    this.endStragglers();
  }

  private exitsWithin(ms: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    return Promise.race([this.exited.then(() => true), late]).finally(() => clearTimeout(timer));
  }

  private signal(name: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (OWN_PROCESS_GROUP) process.kill(-pid, name);
      else this.child!.kill(name);
    } catch {
      // ESRCH: already gone.
    }
  }

  /** What the server started and left running (the process group outlives its leader) is ended too. */
  private endStragglers(): void {
    if (OWN_PROCESS_GROUP) this.signal('SIGKILL');
  }

  private receive(line: string): void {
    this.options.recorder?.stdio('stdout', line);
    if (line.trim() === '') return;
    const parsed = parseJsonRpcText(line);
    if (!parsed.ok) {
      this.handlers?.onMalformed(line, `${parsed.reason} (a line on stdout, where only JSON-RPC messages belong; logs go to stderr)`);
      return;
    }
    for (const message of parsed.messages) this.handlers?.onMessage(message);
  }

  private receiveStderr(line: string): void {
    this.options.recorder?.stdio('stderr', line);
    if (line.trim() === '') return;
    this.recentStderr.push(line);
    if (this.recentStderr.length > STDERR_LINES_QUOTED) this.recentStderr.shift();
    this.handlers?.onStderr(line);
  }

  private exitedOnItsOwn(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closing) return;
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
    const quoted = this.recentStderr.map((line) =>
      line.length > STDERR_LINE_QUOTED_CHARS ? `${line.slice(0, STDERR_LINE_QUOTED_CHARS)}…` : line,
    );
    this.gone = {
      summary:
        `The server process ${this.commandLine} (pid ${this.child?.pid}) ${how}.` +
        (quoted.length ? ` Its last stderr lines: ${quoted.map((line) => JSON.stringify(line)).join(', ')}.` : ' It wrote nothing to stderr.'),
      advice: 'Its whole stderr is on the timeline. Fix what made it stop, then connect again.',
    };
    this.endStragglers();
    this.handlers?.onClosed(this.gone);
  }

  private spawnProblem(error: NodeJS.ErrnoException): Problem {
    const { command, cwd } = this.options;
    const where = cwd ?? process.cwd();
    const tried = `Could not start ${this.commandLine} in ${where}`;
    if (cwd !== undefined && !existsSync(cwd)) {
      return {
        summary: `${tried}: the working directory does not exist.`,
        advice: 'Fix the cwd configured for this server.',
      };
    }
    switch (error.code) {
      case 'ENOENT':
        return {
          summary: `${tried}: the command ${command} was not found (ENOENT).`,
          advice:
            `Check that ${command} is installed and on the PATH MCP Scope runs with, or give its full path ` +
            '(a relative path is resolved from the working directory). No shell is involved: use the program, not a shell alias or function.',
        };
      case 'EACCES':
        return {
          summary: `${tried}: permission denied (EACCES).`,
          advice: `Check that ${command} is an executable file (chmod +x) that you may run, and not a directory.`,
        };
      default:
        return {
          summary: `${tried}: ${error.message}${error.code ? ` (${error.code})` : ''}.`,
          advice: 'Check the command, its arguments and the working directory.',
        };
    }
  }
}
