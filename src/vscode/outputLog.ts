// The "MCP Scope" log: connection changes, problems, and every request and response, with
// secrets left out.

import type * as vscode from 'vscode';
import type { Inspector } from '../inspector/inspector';
import type { Problem, TimelineEvent } from '../shared/model';
import { redactUrls } from './redaction';

/** How much of a message's JSON is written to the log. */
const JSON_LIMIT = 2000;

/** Writes each new timeline event to the log; the returned function stops it. */
export function logTimeline(log: vscode.LogOutputChannel, inspector: Inspector): () => void {
  return inspector.timeline.appended.add((event) => write(log, event));
}

/** Writes problems that keep servers out of the list. */
export function logProblems(log: vscode.LogOutputChannel, problems: Problem[]): void {
  for (const problem of problems) log.warn(redactUrls(describeProblem(problem)));
}

function write(log: vscode.LogOutputChannel, event: TimelineEvent): void {
  const line = (text: string) => redactUrls(`[${event.serverId}] ${text}`);
  switch (event.kind) {
    case 'connection':
      if (event.problem) log.warn(line(`${event.state}: ${event.text}: ${describeProblem(event.problem)}`));
      else log.info(line(`${event.state}: ${event.text}`));
      return;
    case 'request':
      return log.info(line(`→ ${event.method} #${event.requestId} ${json(event.params)}`));
    case 'response':
      if (event.failure && !event.probe) return log.warn(line(`← ${event.method} #${event.requestId} failed after ${event.durationMs.toFixed(0)} ms: ${describeProblem(event.failure)}`));
      if (event.error) return log.warn(line(`← ${event.method} #${event.requestId} error ${event.durationMs.toFixed(0)} ms ${json(event.error)}`));
      return log.info(line(`← ${event.method} #${event.requestId} ${event.durationMs.toFixed(0)} ms ${json(event.result)}`));
    case 'notification':
      return log.info(line(`${event.direction === 'sent' ? '→' : '←'} ${event.method} ${json(event.params)}`));
    case 'progress':
      return log.debug(line(`progress #${event.requestId} ${event.progress}${event.total === undefined ? '' : `/${event.total}`} ${event.message ?? ''}`));
    case 'log':
      return log.info(line(`server log ${event.level}${event.logger ? ` ${event.logger}` : ''}: ${typeof event.data === 'string' ? event.data : json(event.data)}`));
    case 'protocolError':
      return log.warn(line(`protocol error: ${event.reason}: ${event.raw.slice(0, JSON_LIMIT)}`));
    case 'problem':
      return log.warn(line(describeProblem(event.problem)));
    case 'note':
      return log.info(line(event.text));
    case 'toolsChanged':
      return log.info(line(`${event.text} ${json({ changed: event.changed })}`));
  }
}

function describeProblem(problem: Problem): string {
  const http = problem.http ? ` (HTTP ${problem.http.status} ${problem.http.statusText})` : '';
  return `${problem.summary}${http}${problem.advice ? ` ${problem.advice}` : ''}`;
}

function json(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > JSON_LIMIT ? `${text.slice(0, JSON_LIMIT)}… (${text.length} characters)` : text;
}
