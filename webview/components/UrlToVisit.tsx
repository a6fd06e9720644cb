import type { InspectorState } from '../state/inspectorState';
import { isWebLink } from './mediaSource';

/**
 * A URL a server wants the user to visit (URL-mode elicitation): the whole URL and its site apart,
 * as the spec asks against look-alike hosts, opened only when the user clicks, and only http(s).
 */
export function UrlToVisit({ url, actions }: { url: string; actions: Pick<InspectorState, 'copyText' | 'openLink'> }) {
  const site = siteOf(url);
  const openable = isWebLink(url) && site !== undefined;
  return (
    <>
      <dl class="sampling-facts">
        <dt>Site</dt>
        <dd class="url-site">{site ?? 'not a valid URL'}</dd>
        <dt>URL</dt>
        <dd>
          <code class="url-full">{url}</code>
        </dd>
      </dl>
      {!openable && <p class="field-notes">MCP Scope opens only http and https links; this one can only be copied.</p>}
      <div class="form-actions">
        {openable && (
          <button type="button" class="secondary" onClick={() => actions.openLink(url)}>
            <span class="codicon codicon-link-external" aria-hidden="true" /> Open in browser
          </button>
        )}
        <button type="button" class="secondary" onClick={() => actions.copyText(url)}>
          Copy URL
        </button>
      </div>
    </>
  );
}

/** What a server's `notifications/elicitation/complete` tells the user about the page they were sent to. */
export function ElicitationCompleteNote({ serverId }: { serverId: string }) {
  return (
    <p class="elicitation-complete" role="status">
      <span class="codicon codicon-pass" aria-hidden="true" /> {serverId} says this interaction is complete.
    </p>
  );
}

/** The host of a URL, shown apart from the rest. */
function siteOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
