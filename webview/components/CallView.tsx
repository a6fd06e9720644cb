import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CallRecord, RpcErrorObject, TaskState, TaskStatus, ToolResult, ToolSummary } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { JsonTree } from './JsonTree';
import { ProblemView } from './ProblemView';
import { ProgressBar } from './ProgressBar';
import { ResultBlock } from './ResultContent';
import { ElicitationCompleteNote, UrlToVisit } from './UrlToVisit';

/**
 * The verdict of checking a result's `structuredContent` against the tool's `outputSchema`: no
 * errors means it conforms. The panel shows it when given; the JSON Schema validator that
 * computes it belongs to src/shared (the form's), and App passes its verdict here.
 */
export interface OutputVerdict {
  errors: string[];
}

type Actions = Pick<InspectorState, 'cancel' | 'copyText' | 'openLink' | 'rerun' | 'elicitationComplete'>;

const HEADINGS: Record<CallRecord['state'], string> = {
  running: 'Running…',
  succeeded: 'Result',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The latest call of the selected tool: running with its progress and Cancel, or its result. */
export function CallView({
  call,
  tool,
  actions,
  verdict,
}: {
  call: CallRecord | undefined;
  tool: ToolSummary | undefined;
  actions: Actions;
  verdict?: OutputVerdict;
}) {
  const now = useSignal(Date.now());
  const running = call?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => (now.value = Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  if (!call) return null;
  const elapsed = ((call.endedAt ?? (running ? Math.max(now.value, call.startedAt) : call.startedAt)) - call.startedAt) / 1000;
  const heading = call.state === 'succeeded' && call.result?.isError ? 'The tool reported an error' : HEADINGS[call.state];

  return (
    <section class={`call call-${call.state}`} aria-labelledby="call-heading">
      <header class="section-header">
        <h2 id="call-heading" aria-live="polite">
          {heading}
        </h2>
        <span class="call-tools">
          <span class="elapsed" role="timer" aria-label="Elapsed time">
            {elapsed.toFixed(1)} s
          </span>
          {running && (
            <button type="button" class="secondary" onClick={() => actions.cancel(call.id)}>
              <span class="codicon codicon-debug-stop" aria-hidden="true" /> Cancel
            </button>
          )}
        </span>
      </header>
      {call.task && <TaskView task={call.task} />}
      {running && call.progress && <ProgressBar report={call.progress} label={`Progress of ${call.tool}`} />}
      {call.rpcError ? <RpcErrorView error={call.rpcError} call={call} actions={actions} /> : call.problem && <ProblemView problem={call.problem} />}
      {call.result && <ResultView key={call.id} result={call.result} tool={tool} actions={actions} verdict={verdict} />}
    </section>
  );
}

function ResultView({ result, tool, actions, verdict }: { result: ToolResult; tool: ToolSummary | undefined; actions: Actions; verdict?: OutputVerdict }) {
  return (
    <div class={`result ${result.isError ? 'result-error' : ''}`}>
      {result.isError && (
        <p class="result-error-note" role="alert">
          <span class="codicon codicon-error" aria-hidden="true" /> The tool answered with <code>isError: true</code>: the call ran, and failed.
        </p>
      )}
      {result.content.length === 0 && <p class="placeholder">The result has no content.</p>}
      {result.content.map((block, index) => (
        <ResultBlock key={index} block={block} actions={actions} />
      ))}
      {result.structuredContent !== undefined && (
        <div class="structured">
          <h3>structuredContent</h3>
          {tool?.outputSchema && <VerdictView verdict={verdict} />}
          <JsonTree value={result.structuredContent} label="structuredContent" />
        </div>
      )}
      {result.structuredContent === undefined && tool?.outputSchema && !result.isError && (
        <p class="verdict verdict-bad" role="alert">
          <span class="codicon codicon-error" aria-hidden="true" /> The tool declares an outputSchema, but the result has no
          structuredContent.
        </p>
      )}
    </div>
  );
}

function VerdictView({ verdict }: { verdict: OutputVerdict | undefined }) {
  if (!verdict) return <p class="verdict placeholder">Not checked against the tool’s outputSchema.</p>;
  if (verdict.errors.length === 0) {
    return (
      <p class="verdict verdict-good">
        <span class="codicon codicon-pass" aria-hidden="true" /> Matches the tool’s outputSchema.
      </p>
    );
  }
  return (
    <div class="verdict verdict-bad" role="alert">
      <span class="codicon codicon-error" aria-hidden="true" /> Does not match the tool’s outputSchema:
      <ul>
        {verdict.errors.map((error, index) => (
          <li key={index}>{error}</li>
        ))}
      </ul>
    </div>
  );
}

const TASK_ICONS: Record<TaskStatus, string> = {
  working: 'loading codicon-modifier-spin',
  input_required: 'question',
  completed: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
};

/** The task the call became: its id, state and status message, live while it runs. */
function TaskView({ task }: { task: TaskState }) {
  return (
    <div class={`task task-${task.status}`} role="status" aria-label="Task">
      <p class="task-line">
        <span class={`codicon codicon-${TASK_ICONS[task.status]}`} aria-hidden="true" /> Task{' '}
        <span class={`task-status task-${task.status}`}>{task.status.replace('_', ' ')}</span>
        {task.statusMessage !== undefined && <span class="task-message"> {task.statusMessage}</span>}
      </p>
      <dl class="task-fields">
        <dt>Task id</dt>
        <dd class="mono">{task.taskId}</dd>
        {task.pollIntervalMs !== undefined && (
          <>
            <dt>Poll interval</dt>
            <dd>{task.pollIntervalMs} ms</dd>
          </>
        )}
        {task.ttlMs !== undefined && (
          <>
            <dt>Kept for</dt>
            <dd>{task.ttlMs === null ? 'no limit' : `${task.ttlMs / 1000} s from its creation`}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** The spec's error for a request that needs the user to visit pages first (URL-mode elicitation, 2025-11-25). */
const URL_ELICITATION_REQUIRED = -32042;

/** The pages a -32042 error asks the user to visit, each with the server's message; none when the data does not say. */
function pagesToVisit(error: RpcErrorObject): { url: string; message?: string; elicitationId?: string }[] {
  if (error.code !== URL_ELICITATION_REQUIRED || typeof error.data !== 'object' || error.data === null) return [];
  const { elicitations } = error.data as { elicitations?: unknown };
  if (!Array.isArray(elicitations)) return [];
  return elicitations.flatMap((item: unknown) => {
    const { url, message, elicitationId } = (typeof item === 'object' && item !== null ? item : {}) as { url?: unknown; message?: unknown; elicitationId?: unknown };
    return typeof url === 'string'
      ? [{ url, ...(typeof message === 'string' && { message }), ...(typeof elicitationId === 'string' && { elicitationId }) }]
      : [];
  });
}

/**
 * A JSON-RPC error as the server sent it: code, message and data; for -32042, the pages to visit,
 * whether the server says each visit is complete, and Run again.
 */
function RpcErrorView({ error, call, actions }: { error: RpcErrorObject; call: CallRecord; actions: Actions }) {
  const pages = pagesToVisit(error);
  return (
    <div class="problem rpc-error" role="alert">
      <p class="problem-summary">
        <span class="codicon codicon-error" aria-hidden="true" /> The server answered with a JSON-RPC error.
      </p>
      {pages.length > 0 && (
        <div class="url-elicitation">
          <p>
            The server needs you to visit {pages.length === 1 ? 'a page' : `${pages.length} pages`} first (URL elicitation). Open{' '}
            {pages.length === 1 ? 'it' : 'them'} only if you trust the site, then run the tool again.
          </p>
          {pages.map((page) => (
            <div key={page.url}>
              {page.message && <p class="elicitation-message">{page.message}</p>}
              <UrlToVisit url={page.url} actions={actions} />
              {actions.elicitationComplete(call.serverId, page.elicitationId) && <ElicitationCompleteNote serverId={call.serverId} />}
            </div>
          ))}
          <div class="form-actions">
            <button type="button" onClick={() => void actions.rerun(call)}>
              <span class="codicon codicon-debug-rerun" aria-hidden="true" /> Run again
            </button>
          </div>
        </div>
      )}
      <dl class="problem-http">
        <dt>Code</dt>
        <dd class="mono">{error.code}</dd>
        <dt>Message</dt>
        <dd>{error.message}</dd>
        {error.data !== undefined && (
          <>
            <dt>Data</dt>
            <dd>
              <JsonTree value={error.data} label="Error data" />
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
