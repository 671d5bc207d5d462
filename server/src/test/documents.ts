/** Small document factories shared by API tests. */
export const LEAD_FIELDS = `id requestId name status version email phone companyName companyWebsite companyTin
  source channel score scoreBand owner { id } createdBy { id } stage { key category }
  sla { state firstResponseDueAt atRiskAt } attachments { name size } attribution { utmSource firstTouchAt }`;

/** Creates even beside duplicates (KEEP_BOTH) unless told otherwise: other rules' tests never meet the merge prompt. */
export const CREATE_LEAD = `mutation($input: CreateLeadInput!, $onDuplicate: DuplicateResolution = KEEP_BOTH) {
  createLead(input: $input, onDuplicate: $onDuplicate) { lead { ${LEAD_FIELDS} } }
}`;
export const UPDATE_LEAD = `mutation($id: ID!, $input: UpdateLeadInput!, $v: Int) { updateLead(id: $id, input: $input, expectedVersion: $v) { ${LEAD_FIELDS} } }`;
export const LEAD_BY_ID = `query($id: ID) { lead(id: $id) { ${LEAD_FIELDS} } }`;
export const LEAD_BY_REQUEST_ID = `query($n: Int) { lead(requestId: $n) { id requestId } }`;
export const LEADS = `query($filter: LeadFilter, $orderBy: LeadOrder, $first: Int, $after: String) {
  leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id requestId name score owner { id } } }
  }
}`;
