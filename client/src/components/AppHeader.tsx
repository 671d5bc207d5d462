import type { ReactNode } from "react";

export function AppHeader(props: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <span className="brand">Leadline</span>
      {props.children}
    </header>
  );
}
