import type { CSSProperties } from "react";

/**
 * Chart colours are the app's design tokens (styles.css), so the charts follow
 * the light and dark themes without code: SVG presentation attributes take var().
 */
export const COLORS = {
  accent: "var(--accent)",
  success: "var(--tone-success-fg)",
  warning: "var(--tone-warning-fg)",
  danger: "var(--tone-danger-fg)",
  info: "var(--tone-info-fg)",
  violet: "var(--tone-accent-fg)",
  neutral: "var(--tone-neutral-fg)",
  grid: "var(--border)",
  faint: "var(--border-strong)",
  text: "var(--muted)",
} as const;

export const axisTick = { fill: COLORS.text, fontSize: 12 };

export const tooltipStyle: { contentStyle: CSSProperties; labelStyle: CSSProperties; itemStyle: CSSProperties } = {
  contentStyle: {
    background: "var(--surface)",
    border: "1px solid var(--border-strong)",
    borderRadius: "var(--radius-sm)",
    color: "var(--text)",
    boxShadow: "var(--shadow)",
  },
  labelStyle: { color: "var(--text)", fontWeight: 600 },
  itemStyle: { color: "var(--text)" },
};

/** The size a chart starts at before its container is measured (no zero-size first render). */
export const INITIAL_SIZE = { width: 480, height: 240 };

/** Legend entries in the text colour (recharts paints them in their series' colour, too faint for the bars). */
export const legendText = (value: string) => <span style={{ color: "var(--text)" }}>{value}</span>;
