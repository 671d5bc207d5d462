import { useId, useRef } from "react";
import { Button } from "../../components/Button";
import { useToast } from "../../components/Toast";

/**
 * A secret the server shows once (it keeps only a hash or a sealed copy): in a read-only field to select, with a
 * copy button, until the admin says they have it.
 */
export function OnceSecret(props: { label: string; secret: string; onDone: () => void; note?: string }) {
  const id = useId();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.secret);
      toast.show("Copied to the clipboard");
    } catch {
      // No clipboard access (a page served over plain HTTP, say): select it for the keyboard's copy instead.
      input.current?.select();
      toast.show("Selected: press Ctrl+C (⌘C) to copy it");
    }
  }

  return (
    <div className="once-secret" role="status">
      <label htmlFor={id} className="once-secret__label">
        {props.label}
      </label>
      <div className="once-secret__row">
        <input
          id={id}
          ref={input}
          className="once-secret__value"
          readOnly
          value={props.secret}
          onFocus={(e) => e.target.select()}
          aria-describedby={`${id}-note`}
        />
        <Button size="sm" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <p className="once-secret__note" id={`${id}-note`}>
        Copy it now: it is shown only this once. {props.note}
      </p>
      <Button size="sm" variant="ghost" onClick={props.onDone}>
        I have copied it
      </Button>
    </div>
  );
}
