// A real VS Code for tests and for `npm start`: code-server (VS Code's server and web workbench)
// under Node 24, with the packaged VSIX installed the way a user installs it, in a profile of its
// own, started in its own process group on 127.0.0.1 and stopped by PID.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { freePort, startProcess, waitForHttp } from '../fixtures/processes';

const ROOT = resolve(__dirname, '..', '..');

/** Where e2e screenshots are written. */
export const SHOTS_DIR = join(ROOT, 'test-results', 'e2e');

/** The VSIX `npm run package` writes; fails with what to do when it is missing. Also creates SHOTS_DIR. */
export function packagedVsix(): string {
  const vsix = join(ROOT, 'dist', 'mcp-scope.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" first (npm test does).`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  return vsix;
}

/** Installs (once) and returns the cache folder holding Node 24 and code-server. */
export function ensureTestHost(): string {
  return execFileSync('bash', [join(ROOT, 'scripts', 'ensure-test-host.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export interface VsCodeHost {
  /** The workbench URL with the workspace folder open. */
  url: string;
  /** host:port of the workbench, the authority of its `vscode-remote:` URIs. */
  authority: string;
  workspace: string;
  /** Where code-server and the extension host write their logs. */
  logsDir: string;
  /** The user's settings.json. */
  userSettingsFile: string;
  /** HOME (and XDG_CONFIG_HOME below it, in `.config`) of VS Code and its extension host. */
  home: string;
  stop(): Promise<void>;
}

export interface VsCodeHostOptions {
  /** The VSIX to install; none for a run that loads the extension from its folder (extensionDevelopmentPath). */
  vsix?: string;
  /** More arguments for code-server, e.g. `--vscode-option enable-smoke-test-driver`. */
  extraArgs?: string[];
  /** User settings, merged over quiet defaults. */
  settings?: Record<string, unknown>;
  /** Files written into the workspace folder before it opens, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** Files written into the user's settings folder (next to settings.json), by name. */
  userFiles?: Record<string, string>;
  /** Let VS Code ask whether the workspace is trusted (off by default: every workspace is trusted). */
  workspaceTrust?: boolean;
  port?: number;
  /** Keep the profile after stop (for `npm start`, which reuses nothing, this is false). */
  keepProfile?: boolean;
}

export async function startVsCode(options: VsCodeHostOptions): Promise<VsCodeHost> {
  const cache = ensureTestHost();
  // Short paths: VS Code's sockets live under TMPDIR and a socket path is limited to ~107 characters.
  mkdirSync(join(cache, 'runs'), { recursive: true });
  const profile = mkdtempSync(join(cache, 'runs', 'vs-'));
  const dirs = {
    home: join(profile, 'home'),
    tmp: join(profile, 'tmp'),
    userData: join(profile, 'data'),
    extensions: join(profile, 'ext'),
    workspace: join(profile, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.workspace, 'README.md'), '# A workspace for MCP Scope\n');
  for (const [name, text] of Object.entries(options.userFiles ?? {})) writeFileSync(join(dirs.userData, 'User', name), text);
  for (const [path, text] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(dirs.workspace, path)), { recursive: true });
    writeFileSync(join(dirs.workspace, path), text);
  }
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': options.workspaceTrust ?? false,
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        // Without motion a closed quick input is gone at once, not inert through a closing animation.
        'workbench.reduceMotion': 'on',
        ...options.settings,
      },
      null,
      2,
    ),
  );

  const node24 = join(cache, 'node24', 'bin');
  const codeServer = join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
  const env = {
    ...process.env,
    PATH: `${node24}:${process.env.PATH}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_RUNTIME_DIR: dirs.tmp,
    TMPDIR: dirs.tmp,
  };
  const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    execFileSync(codeServer, [...profileArgs, '--install-extension', resolve(options.vsix), '--force'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  const port = options.port ?? (await freePort());
  const server = startProcess(
    codeServer,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...profileArgs,
      ...(options.extraArgs ?? []),
    ],
    { env, group: true },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/healthz`, server, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `${base}/?folder=${encodeURIComponent(dirs.workspace)}`,
    authority: `127.0.0.1:${port}`,
    workspace: dirs.workspace,
    logsDir: join(dirs.userData, 'logs'),
    userSettingsFile: join(dirs.userData, 'User', 'settings.json'),
    home: dirs.home,
    async stop() {
      await server.stop();
      if (!options.keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
