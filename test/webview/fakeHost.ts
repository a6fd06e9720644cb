// The webview's tests' harness: the built dist/webview.js in a real headless Chromium, in a page
// shaped like the one src/vscode/inspectorPanel.ts gives VS Code (same CSP, same stylesheets, the
// --vscode-* variables and body class of one of the theme kinds in themes.ts), with a fake
// `acquireVsCodeApi` whose other end is a FakeHost in Node that answers bridge requests, records
// every message and pushes notifications.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type {
  BridgeNotification,
  BridgeRequest,
  HostMessage,
  ParamsOf,
  ResultOf,
  WebviewMessage,
} from '../../src/shared/bridge';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { panelHtml } from '../../src/vscode/panelHtml';
import { isThemeKind, THEMES, themeCss, type ThemeKind } from './themes';

const ROOT = resolve(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'webview.js');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

/** The folders of the clone the page may load from, like the panel's localResourceRoots. */
const SERVED = ['dist', 'media'];

/**
 * A tiny HTTP server on 127.0.0.1 for the panel's page: `/` is the HTML shell, `/theme.css` the
 * theme's variables, and dist/ and media/ are served from the clone.
 */
export class PanelServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<PanelServer> {
    assertBundleIsFresh();
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      const asked = url.searchParams.get('theme');
      const theme: ThemeKind = isThemeKind(asked) ? asked : 'dark';
      const send = (status: number, type: string, body: string | Buffer) => {
        response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(body);
      };
      if (path === '/') return send(200, CONTENT_TYPES['.html'], shellHtml(origin(), theme));
      if (path === '/theme.css') return send(200, CONTENT_TYPES['.css'], themeCss(THEMES[theme]));
      const file = resolve(ROOT, `.${path}`);
      const inside = relative(ROOT, file).split(sep)[0];
      if (!SERVED.includes(inside)) return send(404, 'text/plain', 'not served');
      try {
        send(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
      } catch {
        send(404, 'text/plain', 'not found');
      }
    });
    const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done());
    });
    return new PanelServer(server, origin());
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** The panel's very page, with this server as the cspSource, plus the theme VS Code would inject. */
function shellHtml(source: string, theme: ThemeKind): string {
  return panelHtml({ cspSource: source, nonce: 'dGVzdC1ub25jZS1mb3Itd2Vidmlldw==', asset: (...path) => `${source}/${path.join('/')}` })
    .replace('</head>', `<link rel="icon" href="data:,">\n<link rel="stylesheet" href="${source}/theme.css?theme=${theme}">\n</head>`)
    .replace('<body>', `<body class="${THEMES[theme].bodyClass}">`);
}

/** Fails with what to do when dist/webview.js is missing or older than the code it is built from. */
function assertBundleIsFresh(): void {
  let built: number;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    throw new Error(`${relative(ROOT, BUNDLE)} is missing: run \`node scripts/build.mjs\` before the webview tests.`);
  }
  const sources = [...listFiles(join(ROOT, 'webview')), ...listFiles(join(ROOT, 'src', 'shared'))];
  const newer = sources.find((file) => statSync(file).mtimeMs > built);
  if (newer) {
    throw new Error(
      `${relative(ROOT, BUNDLE)} is older than ${relative(ROOT, newer)}: run \`node scripts/build.mjs\` before the webview tests.`,
    );
  }
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** What a test registers for a request: the result, or a function of the params (throw to answer with an error). */
type Answer<M> = ResultOf<M> | ((params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>);

export interface OpenOptions {
  /** What `getState()` returns at start, as VS Code would after a reload. */
  uiState?: unknown;
  viewport?: { width: number; height: number };
  /** Which kind of VS Code theme the page gets (default dark). */
  theme?: ThemeKind;
}

/** The binding through which the page's fake VS Code API posts to Node. */
const BINDING = '__mcpScopeToHost';

/**
 * The page's `acquireVsCodeApi`, run before any of the page's scripts. It is source text, not a
 * function, because tsx's transform would add helpers (`__name`) the page does not have.
 */
function fakeVsCodeApi(binding: string, initialState: unknown): string {
  return `(() => {
  const toHost = window[${JSON.stringify(binding)}];
  let state = ${initialState === undefined ? 'undefined' : JSON.stringify(initialState)};
  let acquired = false;
  window.acquireVsCodeApi = () => {
    // VS Code hands the API out once per page.
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      // VS Code clones what is posted; so does this, and it fails as VS Code does on what cannot be cloned.
      postMessage: (message) => void toHost(structuredClone(message)),
      getState: () => (state === undefined ? undefined : structuredClone(state)),
      setState: (next) => {
        state = structuredClone(next);
        window.__fakeVsCodeState = state;
        return next;
      },
    });
  };
  document.addEventListener('securitypolicyviolation', (event) =>
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')),
  );
})();`;
}

/**
 * The extension host's side of the bridge, faked: answers requests by method, records every
 * message the webview posted, and posts host messages into the page.
 */
export class FakeHost {
  /** Every message the webview posted, in order. */
  readonly received: WebviewMessage[] = [];
  /** Uncaught exceptions, console errors and CSP violations in the page. */
  readonly pageErrors: string[] = [];
  private readonly answers = new Map<string, (params: unknown) => unknown>();
  private readonly waiters = new Set<() => void>();
  private readonly deliveries = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly server: PanelServer,
    private readonly theme: ThemeKind,
  ) {}

  /** A fresh context and page with the fake VS Code API installed; register answers, then `open()`. */
  static async create(browser: Browser, server: PanelServer, options: OpenOptions = {}): Promise<FakeHost> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    const host = new FakeHost(context, page, server, options.theme ?? 'dark');
    page.on('pageerror', (error) => host.pageErrors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') host.pageErrors.push(`console: ${message.text()}`);
    });
    await page.exposeBinding(BINDING, (_source, message: WebviewMessage) => host.receive(message));
    await page.addInitScript({ content: fakeVsCodeApi(BINDING, options.uiState) });
    return host;
  }

  /** Loads the panel and waits until the app has drawn itself. */
  async open(): Promise<void> {
    await this.page.goto(`${this.server.origin}/?theme=${this.theme}`);
    try {
      await this.page.locator('#app .layout').waitFor({ timeout: 10_000 });
    } catch (error) {
      throw new Error(`The panel did not draw itself. Page errors: ${JSON.stringify(this.pageErrors)}`, { cause: error });
    }
  }

  /** Registers the answer to every later request of this kind; a function that throws answers with its message as the error. */
  answer<M extends BridgeRequest<unknown, unknown>>(message: M, answer: Answer<M>): this {
    this.answers.set(message.method, (params) => {
      if (typeof answer === 'function') return (answer as (params: unknown) => unknown)(params);
      return answer;
    });
    return this;
  }

  /** Requests the webview sent, with this method when given. */
  requests(method?: string): Extract<WebviewMessage, { type: 'request' }>[] {
    return this.received.filter(
      (message): message is Extract<WebviewMessage, { type: 'request' }> =>
        message.type === 'request' && (method === undefined || message.method === method),
    );
  }

  /** Commands the webview sent, with this method when given. */
  commands(method?: string): Extract<WebviewMessage, { type: 'command' }>[] {
    return this.received.filter(
      (message): message is Extract<WebviewMessage, { type: 'command' }> =>
        message.type === 'command' && (method === undefined || message.method === method),
    );
  }

  /** Waits until the webview has sent at least `count` messages with this method, and returns them. */
  async waitForMessages(method: string, count = 1, timeoutMs = 5000): Promise<WebviewMessage[]> {
    const matching = () => this.received.filter((message) => message.method === method);
    if (matching().length >= count) return matching();
    await new Promise<void>((done, fail) => {
      const check = () => {
        if (matching().length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        done();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        fail(
          new Error(
            `The webview sent ${matching().length} ${method} message(s) within ${timeoutMs} ms, not ${count}. ` +
              `It sent: ${JSON.stringify(this.received.map((message) => message.method))}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
    return matching();
  }

  /** Pushes a notification into the page, as the extension host's panel.webview.postMessage would. */
  async notify<M extends BridgeNotification<unknown>>(message: M, params: ParamsOf<M>): Promise<void> {
    await this.post({ type: 'notification', method: message.method, params });
  }

  /** Posts any host message into the page (also malformed ones, for tests that need them). */
  async post(message: HostMessage): Promise<void> {
    await this.page.evaluate((data) => window.postMessage(data, '*'), message);
  }

  /** What the webview last gave to setState. */
  uiState(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __fakeVsCodeState: unknown }).__fakeVsCodeState);
  }

  /** Closes the page and its context, after the answers on their way have been delivered. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.deliveries]);
    this.closed = true;
    await this.context.close();
  }

  private receive(message: WebviewMessage): void {
    this.received.push(message);
    for (const waiter of [...this.waiters]) waiter();
    if (message.type !== 'request') return;
    const answer = this.answers.get(message.method);
    if (!answer) return; // Left unanswered, like a host that never replies; the webview times out.
    const delivery = (async () => {
      let reply: HostMessage;
      try {
        const result = await answer(message.params);
        reply = { type: 'response', id: message.id, result: result ?? null };
      } catch (error) {
        reply = { type: 'response', id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      if (!this.closed) await this.post(reply);
    })().catch((error: unknown) => {
      if (!this.closed) this.pageErrors.push(`delivering the answer to ${message.method}: ${String(error)}`);
    });
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }
}

/** Retries `check` until it passes or the time is up, then throws its last error. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, intervalMs));
    }
  }
}
