/**
 * Card order inside a kanban column. Ranks are base-36 strings compared
 * byte-wise (COLLATE "C"), so a card can always be placed between two others
 * by writing only its own row.
 */
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const WIDTH = 9;
const SPACE = 36 ** WIDTH;

/**
 * New cards sort to the top of their column: later creation → smaller rank.
 * No rank ends in "0", so a rank exists between any two distinct ranks.
 */
export function initialRank(at: Date): string {
  return `${(SPACE - 1 - at.getTime()).toString(36).padStart(WIDTH, "0")}i`;
}

/** A rank strictly between `before` and `after` (either may be open-ended). */
export function rankBetween(before: string | null, after: string | null): string {
  let result = "";
  for (let i = 0; ; i++) {
    const lo = before && i < before.length ? DIGITS.indexOf(before[i] as string) : 0;
    const hi = after && i < after.length ? DIGITS.indexOf(after[i] as string) : DIGITS.length;
    if (hi - lo > 1) return result + DIGITS[Math.floor((lo + hi) / 2)];
    result += DIGITS[lo];
    // Once the prefix is strictly below `after`, the upper bound opens up.
    if (lo < hi) after = null;
  }
}
