import { useState } from 'preact/hooks';
import type { ContentBlock } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { JsonTree } from './JsonTree';
import { base64Bytes, isWebLink, type MediaKind, mediaSource } from './mediaSource';

type Actions = Pick<InspectorState, 'copyText' | 'openLink'>;

/** Where a block was found, as its image or audio caption says: a tool's result, or a prompt's or sampling request's message. */
export type BlockOrigin = 'tool' | 'message';

const ORIGIN_WORDS: Record<BlockOrigin, string> = { tool: 'from the tool', message: 'in the message' };

/** One block of a tool result's or a message's `content`, shown for what it is; everything in it is text to the DOM. */
export function ResultBlock({ block, actions, origin = 'tool' }: { block: ContentBlock; actions: Actions; origin?: BlockOrigin }) {
  switch (block.type) {
    case 'text':
      if (typeof block.text === 'string') return <TextBlock text={block.text} actions={actions} />;
      break;
    case 'image':
    case 'audio':
      return <MediaBlock kind={block.type} block={block} origin={origin} />;
    case 'resource_link':
      if (typeof block.uri === 'string') return <ResourceLink block={block} uri={block.uri} actions={actions} />;
      break;
    case 'resource':
      if (typeof block.resource === 'object' && block.resource !== null) {
        return <EmbeddedResource resource={block.resource as Record<string, unknown>} actions={actions} />;
      }
      break;
  }
  return (
    <div class="block block-other">
      <div class="block-type">{`${block.type} (shown as the server sent it)`}</div>
      <JsonTree value={block} label={`${block.type} block`} />
    </div>
  );
}

function TextBlock({ text, actions }: { text: string; actions: Actions }) {
  return (
    <div class="block block-text">
      <pre class="text-block">{text}</pre>
      <button type="button" class="icon-button copy-button" title="Copy text" aria-label="Copy text" onClick={() => actions.copyText(text)}>
        <span class="codicon codicon-copy" aria-hidden="true" />
      </button>
    </div>
  );
}

/** An image or a sound from base64, or a note saying why it cannot be shown. */
function MediaBlock({ kind, block, origin }: { kind: MediaKind; block: ContentBlock; origin: BlockOrigin }) {
  const [broken, setBroken] = useState(false);
  const source = mediaSource(kind, block.mimeType, block.data);
  if (!source.ok || broken) {
    const reason = source.ok ? `The ${kind} (${String(block.mimeType)}) could not be decoded.` : source.reason;
    return (
      <p class="block block-note" role="note">
        <span class="codicon codicon-warning" aria-hidden="true" /> {reason}
      </p>
    );
  }
  const caption = `${kind === 'image' ? 'Image' : 'Audio'} ${ORIGIN_WORDS[origin]}, ${String(block.mimeType)}, ${source.bytes} bytes`;
  return (
    <figure class={`block block-${kind}`}>
      {kind === 'image' ? (
        <img class="image-block" alt={caption} src={source.url} onError={() => setBroken(true)} />
      ) : (
        <audio controls src={source.url} aria-label={caption} onError={() => setBroken(true)} />
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function ResourceLink({ block, uri, actions }: { block: ContentBlock; uri: string; actions: Actions }) {
  const name = typeof block.title === 'string' ? block.title : typeof block.name === 'string' ? block.name : uri;
  return (
    <div class="block block-resource-link">
      <div class="resource-head">
        <span class="codicon codicon-link" aria-hidden="true" />
        <span class="resource-name">{name}</span>
        {typeof block.mimeType === 'string' && <span class="badge">{block.mimeType}</span>}
      </div>
      <div class="resource-uri mono">{uri}</div>
      {typeof block.description === 'string' && <div class="resource-description">{block.description}</div>}
      <div class="resource-actions">
        {isWebLink(uri) && (
          <button type="button" class="secondary" onClick={() => actions.openLink(uri)}>
            Open link
          </button>
        )}
        <button type="button" class="secondary" onClick={() => actions.copyText(uri)}>
          Copy URI
        </button>
      </div>
    </div>
  );
}

/** A resource embedded in the result: its text, or the size of its blob. */
function EmbeddedResource({ resource, actions }: { resource: Record<string, unknown>; actions: Actions }) {
  const uri = typeof resource.uri === 'string' ? resource.uri : '(no uri)';
  const bytes = base64Bytes(resource.blob);
  return (
    <div class="block block-resource">
      <div class="resource-head">
        <span class="codicon codicon-file" aria-hidden="true" />
        <span class="resource-uri mono">{uri}</span>
        {typeof resource.mimeType === 'string' && <span class="badge">{resource.mimeType}</span>}
      </div>
      {typeof resource.text === 'string' ? (
        <TextBlock text={resource.text} actions={actions} />
      ) : resource.blob !== undefined ? (
        <p class="resource-blob">
          {bytes === undefined ? 'Binary content that is not valid base64.' : `Binary content, ${bytes} bytes.`}
        </p>
      ) : (
        <p class="placeholder">The resource has neither text nor a blob.</p>
      )}
    </div>
  );
}
