export const SCORE_BANDS = ["CHAMPION", "HOT", "WARM", "COLD"] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export interface BandCutoffs {
  champion: number;
  hot: number;
  warm: number;
}

/** Seed 004: Champion ≥ 90, Hot ≥ 70, Warm ≥ 40, Cold below. */
export const DEFAULT_BAND_CUTOFFS: BandCutoffs = { champion: 90, hot: 70, warm: 40 };

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}

export function scoreBand(score: number, cutoffs: BandCutoffs = DEFAULT_BAND_CUTOFFS): ScoreBand {
  if (score >= cutoffs.champion) return "CHAMPION";
  if (score >= cutoffs.hot) return "HOT";
  if (score >= cutoffs.warm) return "WARM";
  return "COLD";
}
