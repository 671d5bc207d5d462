// The lead page's public face: the shell routes to LeadPage and NewLeadPage and knows nothing else of this folder.
export { LeadPage } from "./LeadPage";
export { NewLeadPage } from "./NewLeadPage";
