import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CallRecord, ContentBlock } from '../../src/shared/model';
import { ProblemView } from './ProblemView';
import { ProgressBar } from './ProgressBar';

/** The latest call of the selected tool: running with its progress, or its result. */
export function CallView({ call }: { call: CallRecord | undefined }) {
  const now = useSignal(Date.now());
  const running = call?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => (now.value = Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  if (!call) return null;
  const elapsed = ((call.endedAt ?? (running ? Math.max(now.value, call.startedAt) : call.startedAt)) - call.startedAt) / 1000;

  return (
    <section class={`call call-${call.state}`} aria-labelledby="call-heading" aria-live="polite">
      <header class="section-header">
        <h2 id="call-heading">
          {running ? 'Running…' : call.state === 'failed' ? 'Failed' : call.result?.isError ? 'The tool reported an error' : 'Result'}
        </h2>
        <span class="elapsed">{elapsed.toFixed(1)} s</span>
      </header>
      {running && call.progress && <ProgressBar report={call.progress} label={`Progress of ${call.tool}`} />}
      {call.problem && <ProblemView problem={call.problem} />}
      {call.result && (
        <div class={`result ${call.result.isError ? 'result-error' : ''}`}>
          {call.result.content.length === 0 && <p class="placeholder">The result has no content.</p>}
          {call.result.content.map((block, index) => (
            <Block key={index} block={block} />
          ))}
          {call.result.structuredContent !== undefined && (
            <details class="structured" open>
              <summary>structuredContent</summary>
              <pre>{JSON.stringify(call.result.structuredContent, null, 2)}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function Block({ block }: { block: ContentBlock }) {
  if (block.type === 'text' && typeof block.text === 'string') return <pre class="text-block">{block.text}</pre>;
  if (block.type === 'image' && typeof block.data === 'string' && typeof block.mimeType === 'string' && block.mimeType.startsWith('image/')) {
    return <img class="image-block" alt="Image from the tool" src={`data:${block.mimeType};base64,${block.data}`} />;
  }
  return (
    <div class="other-block">
      <div class="block-type">{block.type}</div>
      <pre>{JSON.stringify(block, null, 2)}</pre>
    </div>
  );
}
