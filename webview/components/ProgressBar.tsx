import type { ProgressReport } from '../../src/shared/model';

/** A progress report as a bar: determinate with a total, indeterminate without one. */
export function ProgressBar({ report, label }: { report: ProgressReport; label: string }) {
  const { progress, total, message } = report;
  return (
    <div class="progress">
      {total !== undefined && total > 0 ? (
        <progress aria-label={label} value={Math.min(progress, total)} max={total} />
      ) : (
        <progress aria-label={label} />
      )}
      <span class="progress-text">
        {total !== undefined ? `${progress} / ${total}` : String(progress)}
        {message && ` · ${message}`}
      </span>
    </div>
  );
}
