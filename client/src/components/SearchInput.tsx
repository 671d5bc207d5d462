import { useEffect, useId, useState } from "react";

/** A search box that reports its trimmed value once typing pauses, so each keystroke is not a request. */
export function SearchInput(props: {
  label: string;
  placeholder?: string;
  delayMs?: number;
  onSearch: (value: string) => void;
}) {
  const { label, placeholder, delayMs = 300, onSearch } = props;
  const [value, setValue] = useState("");
  const id = useId();

  useEffect(() => {
    const timer = window.setTimeout(() => onSearch(value.trim()), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs, onSearch]);

  return (
    <div className="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="search__input"
        placeholder={placeholder}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
    </div>
  );
}
