import { useId } from "react";
import type { DraftStage } from "./pipeline-draft";

/**
 * The transitions map as a matrix: a row per stage a lead leaves, a column
 * per stage it enters, a checkbox where the move is allowed. A stage does not
 * move to itself, so the diagonal has none. The server's refusal of a row's
 * moves is shown in that row's header, and tied to its checkboxes.
 */
export function TransitionsMatrix(props: {
  labelledBy: string;
  stages: DraftStage[];
  errorOf: (row: string) => string | undefined;
  onToggle: (from: string, to: string, allowed: boolean) => void;
}) {
  const id = useId();
  const { stages } = props;
  const nameOf = (stage: DraftStage, index: number) => stage.label.trim() || `Stage ${index + 1}`;
  return (
    <div className="table-wrap admin-matrix">
      <table className="lead-table admin-matrix__table" aria-labelledby={props.labelledBy}>
        <thead>
          <tr>
            <th scope="col">
              From <span aria-hidden="true">↓</span> to <span aria-hidden="true">→</span>
            </th>
            {stages.map((to, index) => (
              <th key={to.row} scope="col" className="admin-matrix__to">
                {nameOf(to, index)}
                {to.conversionOnly && <span className="admin-matrix__note"> by conversion</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stages.map((from, fromIndex) => {
            const error = props.errorOf(from.row);
            const errorId = `${id}-${fromIndex}-error`;
            return (
              <tr key={from.row} data-from={from.key || undefined}>
                <th scope="row" className="admin-matrix__from">
                  {nameOf(from, fromIndex)}
                  {error && (
                    <span className="field__error" id={errorId}>
                      {error}
                    </span>
                  )}
                </th>
                {stages.map((to, toIndex) => (
                  <td key={to.row} className="admin-matrix__cell">
                    {to.row === from.row ? (
                      <span className="muted" title="A stage does not move to itself">
                        —
                      </span>
                    ) : (
                      <input
                        type="checkbox"
                        aria-label={`${nameOf(from, fromIndex)} to ${nameOf(to, toIndex)}`}
                        checked={from.transitions.includes(to.row)}
                        onChange={(e) => props.onToggle(from.row, to.row, e.target.checked)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                      />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
