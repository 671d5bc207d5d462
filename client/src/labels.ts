import type { BadgeTone } from "./components/Badge";
import type { LeadSource, Role, ScoreBand, SlaState, StageCategory } from "./gql/graphql";

/** Words and colours for the API's enums, one place for every page. */
export const BAND_LABELS: Record<ScoreBand, string> = { CHAMPION: "Champion", HOT: "Hot", WARM: "Warm", COLD: "Cold" };

export const BAND_TONES: Record<ScoreBand, BadgeTone> = {
  CHAMPION: "accent",
  HOT: "danger",
  WARM: "warning",
  COLD: "info",
};

export const STAGE_TONES: Record<StageCategory, BadgeTone> = { OPEN: "info", WON: "success", LOST: "neutral" };

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  MANAGER: "Manager",
  SALES: "Sales",
  MARKETEER: "Marketer",
  PARTNER_SUPERVISOR: "Partner supervisor",
  PARTNER: "Partner",
  CUSTOMER: "Customer",
};

export const SOURCE_LABELS: Record<LeadSource, string> = {
  WEBSITE_FORM: "Website form",
  WEBHOOK: "Webhook",
  API: "API",
  MANUAL: "Manual",
  EMAIL: "Email",
  CALL: "Call",
  CHAT: "Chat",
  REFERRAL: "Referral",
  LINKEDIN: "LinkedIn",
  COLD_CALL: "Cold call",
  EVENT: "Event",
  SOCIAL_MEDIA: "Social media",
  PARTNER: "Partner",
  VENDOR: "Vendor",
  SELF_GENERATED: "Self-generated",
  IMPORT: "Import",
  OTHER: "Other",
};

/** The first-response SLA state in a rep's words (badges and filters). */
export const SLA_LABELS: Record<SlaState, string> = {
  NONE: "No SLA",
  ON_TRACK: "On track",
  AT_RISK: "At risk",
  BREACHED: "Overdue",
  MET: "Responded",
  PAUSED: "Paused",
};
