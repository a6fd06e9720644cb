import type { Suggestions } from '../state/featuresState';

/**
 * A text field for a prompt argument or a template variable, with the server's completions as
 * buttons under it (`completion/complete`, asked as the user types); choosing one fills the field.
 */
export function CompletingField({
  id,
  label,
  description,
  required,
  value,
  suggestions,
  error,
  onInput,
}: {
  id: string;
  label: string;
  description?: string;
  required?: boolean;
  value: string;
  suggestions?: Suggestions;
  error?: string;
  onInput(value: string, complete: boolean): void;
}) {
  const described = [description && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const shown = suggestions?.values.filter((suggestion) => suggestion !== value) ?? [];
  return (
    <div class="field completing-field">
      <div class="field-label">
        <label for={id}>{label}</label>
        {required && (
          <span class="required" title="Required">
            *
          </span>
        )}
      </div>
      <input
        type="text"
        id={id}
        value={value}
        autoComplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        onInput={(event) => onInput(event.currentTarget.value, true)}
        onFocus={(event) => onInput(event.currentTarget.value, true)}
      />
      {description && (
        <div class="field-help" id={`${id}-help`}>
          {description}
        </div>
      )}
      {error && (
        <div class="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
      {shown.length > 0 && (
        <ul class="suggestions" aria-label={`Suggestions for ${label}`}>
          {shown.map((suggestion) => (
            <li key={suggestion}>
              <button type="button" class="suggestion" onClick={() => onInput(suggestion, false)}>
                {suggestion}
              </button>
            </li>
          ))}
          {suggestions?.hasMore && <li class="field-help">{`and ${suggestions.total !== undefined ? suggestions.total - suggestions.values.length : 'more'} more`}</li>}
        </ul>
      )}
      {suggestions?.error && <div class="field-help suggestions-error">No suggestions: {suggestions.error}</div>}
    </div>
  );
}
