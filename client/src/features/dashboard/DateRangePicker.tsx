import { type FormEvent, useId, useState } from "react";
import { customRangeProblem, type DateRange, localDay, PRESETS } from "./date-range";

/** Presets of the last 7, 30 and 90 days, or a custom span of days applied once both ends are valid. */
export function DateRangePicker(props: { value: DateRange; onChange: (range: DateRange) => void }) {
  const id = useId();
  const today = localDay(new Date());
  const [from, setFrom] = useState(props.value.kind === "custom" ? props.value.from : "");
  const [to, setTo] = useState(props.value.kind === "custom" ? props.value.to : today);
  const [problem, setProblem] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const found = customRangeProblem(from, to);
    setProblem(found);
    if (!found) props.onChange({ kind: "custom", from, to });
  }

  return (
    <div className="dash-range">
      <fieldset className="dash-range__presets">
        <legend className="visually-hidden">Date range</legend>
        {PRESETS.map((days) => {
          const active = props.value.kind === "preset" && props.value.days === days;
          return (
            <button
              key={days}
              type="button"
              className={`button button--sm${active ? " button--primary" : ""}`}
              aria-pressed={active}
              onClick={() => props.onChange({ kind: "preset", days })}
            >
              {days} days
            </button>
          );
        })}
      </fieldset>
      <form className="dash-range__custom" onSubmit={apply} aria-label="Custom range" noValidate>
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          max={to || today}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <button
          type="submit"
          className={`button button--sm${props.value.kind === "custom" ? " button--primary" : ""}`}
          aria-pressed={props.value.kind === "custom"}
        >
          Apply
        </button>
        {problem && (
          <p id={`${id}-problem`} className="field__error dash-range__problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}
