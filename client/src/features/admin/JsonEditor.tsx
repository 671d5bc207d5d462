import { type Ref, useImperativeHandle, useRef } from "react";

/** What a page may ask of the editor: put the caret on a line and show it. */
export interface JsonEditorHandle {
  goToLine(line: number): void;
}

/**
 * A plain textarea for JSON with line numbers beside it: the browser's own
 * editing, undo and accessibility, nothing to load. The numbers are hidden
 * from assistive technology (the caret's line is the browser's to tell);
 * lines with a problem are marked there and listed in words by the page.
 */
export function JsonEditor(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  problemLines: ReadonlySet<number>;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  ref?: Ref<JsonEditorHandle>;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = props.value.split("\n").length;

  useImperativeHandle(props.ref, () => ({
    goToLine(line: number) {
      const area = textarea.current;
      if (!area) return;
      const lines = area.value.split("\n");
      const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
      const end = start + (lines[line - 1]?.length ?? 0);
      area.focus();
      area.setSelectionRange(start, end);
      const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
      // Two lines of context above the one asked for.
      area.scrollTop = Math.max(0, (line - 3) * lineHeight);
      syncGutter();
    },
  }));

  function syncGutter() {
    if (gutter.current && textarea.current) gutter.current.scrollTop = textarea.current.scrollTop;
  }

  return (
    <div className="json-editor">
      <div className="json-editor__gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => {
          const line = i + 1;
          return (
            <span key={line} className={props.problemLines.has(line) ? "json-editor__line--problem" : undefined}>
              {line}
            </span>
          );
        })}
        {/* Room for the textarea's horizontal scrollbar, so the last numbers stay beside their lines. */}
        <span className="json-editor__gutter-end"> </span>
      </div>
      <textarea
        id={props.id}
        ref={textarea}
        className="json-editor__text"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onScroll={syncGutter}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        rows={24}
        aria-labelledby={props.labelledBy}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      />
    </div>
  );
}
