import type { Problem } from '../../src/shared/model';

/** A failure as a person reads it: what happened, what came back over HTTP, what to do. */
export function ProblemView({ problem }: { problem: Problem }) {
  return (
    <div class="problem" role="alert">
      <p class="problem-summary">
        <span class="codicon codicon-error" aria-hidden="true" /> {problem.summary}
      </p>
      {problem.http && (
        <dl class="problem-http">
          <dt>Status</dt>
          <dd>
            {problem.http.status} {problem.http.statusText}
          </dd>
          <dt>Content type</dt>
          <dd>{problem.http.contentType ?? '(none)'}</dd>
          <dt>Body</dt>
          <dd>
            <pre class="problem-body">{problem.http.bodyStart || '(empty)'}</pre>
          </dd>
        </dl>
      )}
      {problem.advice && <p class="problem-advice">{problem.advice}</p>}
    </div>
  );
}
