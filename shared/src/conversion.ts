import { FieldErrors } from "./lead-input.js";

/** The deal part of a conversion, as the convert dialog and convertLead both read it. */
export interface DealDraft {
  createDeal?: boolean | null;
  dealName?: string | null;
  dealStage?: string | null;
  amount?: number | null;
  currency?: string | null;
  probability?: number | null;
  closeDate?: Date | string | null;
}

export interface NormalizedDeal {
  name: string;
  stage: string;
  amount: number | null;
  currency: string | null;
  probability: number | null;
  closeDate: Date | null;
}

/** Where a new deal starts when the rep names no stage. */
export const DEFAULT_DEAL_STAGE = "qualification";

const DEAL_FIELDS = ["dealName", "dealStage", "amount", "currency", "probability", "closeDate"] as const;

let currencies: Set<string> | undefined;
/** ISO 4217 codes as the runtime's Intl knows them (Node and every current browser). */
export function isCurrencyCode(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

/**
 * Checks the deal fields of a conversion; every bad field is named at once.
 * Returns the deal to create, or null when none is asked for. Deal fields
 * without `createDeal` are an error rather than silently dropped.
 */
export function validateDealDraft(draft: DealDraft, leadName: string, errors: FieldErrors): NormalizedDeal | null {
  if (!draft.createDeal) {
    const stray = DEAL_FIELDS.filter((f) => draft[f] !== undefined && draft[f] !== null);
    for (const field of stray) errors.add(field, "is only used with createDeal: true");
    return null;
  }
  const name = draft.dealName?.trim() || leadName;
  const stage = draft.dealStage?.trim() || DEFAULT_DEAL_STAGE;
  if (name.length > 200) errors.add("dealName", "must be at most 200 characters");
  if (stage.length > 100) errors.add("dealStage", "must be at most 100 characters");
  const amount = draft.amount ?? null;
  if (amount !== null && !(Number.isFinite(amount) && amount >= 0)) errors.add("amount", "must be 0 or more");
  const currency = draft.currency?.trim().toUpperCase() || null;
  if (currency !== null && !isCurrencyCode(currency)) errors.add("currency", "must be an ISO 4217 code such as USD");
  if (amount !== null && currency === null) errors.add("currency", "is required with an amount");
  const probability = draft.probability ?? null;
  if (probability !== null && !(Number.isInteger(probability) && probability >= 0 && probability <= 100)) {
    errors.add("probability", "must be a whole number from 0 to 100");
  }
  const closeDate = draft.closeDate == null ? null : new Date(draft.closeDate);
  if (closeDate !== null && Number.isNaN(closeDate.getTime())) errors.add("closeDate", "is not a valid date");
  return { name, stage, amount, currency, probability, closeDate };
}
