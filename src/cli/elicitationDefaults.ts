// A headless answer to `elicitation/create`: the form the server asks for, as it would open in
// MCP Scope's schema form, submitted unchanged. Every property's `default` is filled in (SEP-1034
// asks clients to pre-fill defaults), optional fields without one (or with one of the wrong type,
// which the form ignores too) are left out, booleans included (the form shows them "not set"), and
// a required box without one is `false`, as in the form. A form that cannot be sent unchanged (a
// required field without a default, a default that breaks its own schema) is declined, with the
// reasons.

import type { ServerRequestHandler } from '../mcp/client';
import { initialDraft } from '../shared/schemaForm/draft';
import { describeRoot } from '../shared/schemaForm/fieldSpec';
import { readForm } from '../shared/schemaForm/formValue';
import { isRecord, rootAt } from '../shared/schemaForm/resolve';

/** The answer to one `elicitation/create`: `accept` with the content, or `decline` and why. */
export type ElicitationAnswer = { action: 'accept'; content: Record<string, unknown> } | { action: 'decline'; reasons: string[] };

/** What the form of `requestedSchema` sends when the user submits it without touching it. */
export function answerWithDefaults(requestedSchema: unknown): ElicitationAnswer {
  if (!isRecord(requestedSchema)) return { action: 'decline', reasons: ['The request has no requestedSchema object.'] };
  const spec = describeRoot(rootAt(requestedSchema), 'The requested form');
  const reading = readForm(spec, initialDraft(spec, true));
  const reasons = Object.values(reading.errors);
  if (reasons.length > 0) return { action: 'decline', reasons };
  if (!isRecord(reading.value)) return { action: 'decline', reasons: ['The requested schema is not an object of fields.'] };
  return { action: 'accept', content: reading.value };
}

/** An `elicitation/create` handler that answers with the defaults; `report` hears each answer in words. */
export function elicitationWithDefaults(report: (text: string) => void): ServerRequestHandler {
  return async (params) => {
    const answer = answerWithDefaults(params?.requestedSchema);
    if (answer.action === 'accept') {
      report(`Accepted the server's elicitation with its defaults: ${JSON.stringify(answer.content)}`);
      return { action: 'accept', content: answer.content };
    }
    report(`Declined the server's elicitation, as it cannot be answered without a person: ${answer.reasons.join(' ')}`);
    return { action: 'decline' };
  };
}
