/** Where leads come from: plain lists, apart from the input rules so a page needing only these loads none of them. */
export const LEAD_SOURCES = [
  "WEBSITE_FORM",
  "WEBHOOK",
  "API",
  "MANUAL",
  "EMAIL",
  "CALL",
  "CHAT",
  "REFERRAL",
  "LINKEDIN",
  "COLD_CALL",
  "EVENT",
  "SOCIAL_MEDIA",
  "PARTNER",
  "VENDOR",
  "SELF_GENERATED",
  "IMPORT",
  "OTHER",
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const INTAKE_CHANNELS = ["WEBHOOK", "FORM", "MANUAL", "API", "IMPORT"] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
