/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiKeyRow_key on ApiKey {\n    id\n    name\n    roles\n    createdAt\n    revokedAt\n    owner {\n      id\n      name\n    }\n  }\n": typeof types.ApiKeyRow_KeyFragmentDoc,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      id\n      ...ApiKeyRow_key\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!, $roles: [Role!]!) {\n    createApiKey(name: $name, roles: $roles) {\n      id\n      name\n      secret\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query CaptchaKeys {\n    captchaCredential {\n      siteKey\n      secretSet\n      updatedAt\n    }\n  }\n": typeof types.CaptchaKeysDocument,
    "\n  mutation SetCaptchaKeys($siteKey: String!, $secret: String!) {\n    setCaptchaCredential(siteKey: $siteKey, secret: $secret)\n  }\n": typeof types.SetCaptchaKeysDocument,
    "\n  mutation ClearCaptchaKeys {\n    clearCaptchaCredential\n  }\n": typeof types.ClearCaptchaKeysDocument,
    "\n  query CaptureForms {\n    captureForms {\n      id\n      name\n      active\n      fields\n      captchaEnabled\n      submissions\n      redirectUrl\n      thankYouMessage\n      embedUrl\n      embedSnippet\n      queue {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CaptureFormsDocument,
    "\n  query FormQueues {\n    queues {\n      id\n      name\n    }\n  }\n": typeof types.FormQueuesDocument,
    "\n  mutation UpsertCaptureForm($id: ID, $input: CaptureFormInput!) {\n    upsertCaptureForm(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.UpsertCaptureFormDocument,
    "\n  query CaptureFormPreview($input: CaptureFormInput!) {\n    captureFormPreview(input: $input) {\n      formHtml\n      thanksHtml\n    }\n  }\n": typeof types.CaptureFormPreviewDocument,
    "\n  fragment MessagingProviders_settings on MessagingProvidersSettings {\n    serverEmail\n    serverSms\n    email {\n      host\n      port\n      security\n      username\n      passwordSet\n      fromAddress\n    }\n    sms {\n      apiUrl\n      accountSid\n      authTokenSet\n      from\n    }\n  }\n": typeof types.MessagingProviders_SettingsFragmentDoc,
    "\n  query MessagingProviders {\n    messagingProviders {\n      ...MessagingProviders_settings\n    }\n  }\n": typeof types.MessagingProvidersDocument,
    "\n  mutation SetEmailProvider($input: EmailProviderInput!) {\n    setEmailProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n": typeof types.SetEmailProviderDocument,
    "\n  mutation SetSmsProvider($input: SmsProviderInput!) {\n    setSmsProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n": typeof types.SetSmsProviderDocument,
    "\n  mutation RemoveMessagingProvider($channel: MessageChannel!) {\n    removeMessagingProvider(channel: $channel) {\n      ...MessagingProviders_settings\n    }\n  }\n": typeof types.RemoveMessagingProviderDocument,
    "\n  mutation SendTestMessage($channel: MessageChannel!, $to: String!) {\n    sendTestMessage(channel: $channel, to: $to) {\n      channel\n      to\n      sent\n      deliveryState\n      error\n      from\n      via\n    }\n  }\n": typeof types.SendTestMessageDocument,
    "\n  fragment PipelineAdmin_pipeline on Pipeline {\n    id\n    name\n    preset\n    isDefault\n    stages {\n      key\n      label\n      category\n      position\n      transitions\n      wipLimit\n      conversionOnly\n      pausesSla\n    }\n  }\n": typeof types.PipelineAdmin_PipelineFragmentDoc,
    "\n  query PipelinesAdmin {\n    pipelines {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n    pipelinePresets {\n      key\n      name\n      stages {\n        key\n        label\n      }\n    }\n  }\n": typeof types.PipelinesAdminDocument,
    "\n  query PipelineStageCounts($pipelineId: ID) {\n    board(pipelineId: $pipelineId, perColumn: 0) {\n      columns {\n        stage {\n          key\n        }\n        totalCount\n      }\n    }\n  }\n": typeof types.PipelineStageCountsDocument,
    "\n  mutation UpdatePipeline($id: ID!, $name: String, $stages: [StageInput!]!, $stageMapping: [StageMappingInput!]) {\n    updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $stageMapping) {\n      id\n      ...PipelineAdmin_pipeline\n    }\n  }\n": typeof types.UpdatePipelineDocument,
    "\n  mutation CreatePipeline($name: String!, $preset: String!) {\n    createPipeline(name: $name, preset: $preset) {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n  }\n": typeof types.CreatePipelineDocument,
    "\n  fragment QueueEditor_queue on Queue {\n    id\n    name\n    strategy\n    members {\n      id\n      name\n      active\n    }\n  }\n": typeof types.QueueEditor_QueueFragmentDoc,
    "\n  mutation UpsertQueue($id: ID, $input: QueueInput!) {\n    upsertQueue(id: $id, input: $input) {\n      id\n      name\n      ...QueueEditor_queue\n    }\n  }\n": typeof types.UpsertQueueDocument,
    "\n  query RoutingAdmin {\n    queues {\n      id\n      name\n      ...QueueEditor_queue\n    }\n    routingRules {\n      id\n      ...RoutingRules_rule\n    }\n    users {\n      id\n      name\n      roles\n    }\n  }\n": typeof types.RoutingAdminDocument,
    "\n  query RoutingForms {\n    captureForms {\n      id\n      name\n    }\n  }\n": typeof types.RoutingFormsDocument,
    "\n  query PreviewRouting($input: RoutingPreviewInput!) {\n    previewRouting(input: $input) {\n      rule {\n        id\n        position\n        source\n        category\n        city\n        minScore\n        form {\n          id\n          name\n        }\n      }\n      queue {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PreviewRoutingDocument,
    "\n  fragment RoutingRules_rule on RoutingRule {\n    id\n    position\n    source\n    category\n    city\n    minScore\n    form {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n  }\n": typeof types.RoutingRules_RuleFragmentDoc,
    "\n  mutation SetRoutingRules($rules: [RoutingRuleInput!]!) {\n    setRoutingRules(rules: $rules) {\n      id\n      ...RoutingRules_rule\n    }\n  }\n": typeof types.SetRoutingRulesDocument,
    "\n  query ScoringRules {\n    scoringRules\n  }\n": typeof types.ScoringRulesDocument,
    "\n  mutation SetScoringRules($rules: JSON!) {\n    setScoringRules(rules: $rules)\n  }\n": typeof types.SetScoringRulesDocument,
    "\n  query PreviewScore($rules: JSON!, $lead: ScorePreviewLeadInput!) {\n    previewScore(rules: $rules, lead: $lead) {\n      score\n      band\n      reasons\n      rules\n    }\n  }\n": typeof types.PreviewScoreDocument,
    "\n  fragment UserAdmin_user on User {\n    id\n    name\n    email\n    roles\n    active\n    invited\n  }\n": typeof types.UserAdmin_UserFragmentDoc,
    "\n  query UsersAdmin {\n    users(includeInactive: true) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": typeof types.UsersAdminDocument,
    "\n  mutation InviteUser($email: String!, $name: String!, $roles: [Role!]!) {\n    inviteUser(email: $email, name: $name, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation UpdateUserRoles($id: ID!, $roles: [Role!]!) {\n    updateUser(id: $id, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": typeof types.UpdateUserRolesDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    updateUser(id: $id, active: $active) {\n      id\n      active\n      ...UserAdmin_user\n    }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  mutation ReassignLeads($fromUserId: ID!, $toUserId: ID) {\n    reassignLeads(fromUserId: $fromUserId, toUserId: $toUserId)\n  }\n": typeof types.ReassignLeadsDocument,
    "\n  fragment WebhookDeliveryRow_delivery on WebhookDelivery {\n    id\n    eventSequence\n    eventType\n    attempt\n    statusCode\n    lastError\n    deliveredAt\n    nextAttemptAt\n    createdAt\n  }\n": typeof types.WebhookDeliveryRow_DeliveryFragmentDoc,
    "\n  fragment WebhookEndpointItem_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    active\n    disabledReason\n    failingSince\n    deliveries(first: $logSize) {\n      id\n      ...WebhookDeliveryRow_delivery\n    }\n  }\n": typeof types.WebhookEndpointItem_EndpointFragmentDoc,
    "\n  query WebhookEndpoints($logSize: Int) {\n    webhookEndpoints {\n      id\n      ...WebhookEndpointItem_endpoint\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation SetWebhookEndpointActive($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      active\n      disabledReason\n      failingSince\n    }\n  }\n": typeof types.SetWebhookEndpointActiveDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation ReplayWebhookEvents($id: ID!, $sinceSequence: String!) {\n    replayWebhookEvents(id: $id, sinceSequence: $sinceSequence)\n  }\n": typeof types.ReplayWebhookEventsDocument,
    "\n  mutation RotateWebhookSecret {\n    rotateWebhookSecret {\n      secret\n      previousValidUntil\n    }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {\n    acceptInvitation(token: $token, password: $password, name: $name) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n": typeof types.ViewerMenu_UserFragmentDoc,
    "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      roles\n      ...ViewerMenu_user\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment BoardCard_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    version\n    readOnly\n    score\n    scoreBand\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n    ...SlaBadge_lead\n  }\n": typeof types.BoardCard_LeadFragmentDoc,
    "\n  query Board($pipelineId: ID, $perColumn: Int) {\n    catchUpCursor\n    board(pipelineId: $pipelineId, perColumn: $perColumn) {\n      pipeline {\n        id\n        name\n        preset\n      }\n      columns {\n        stage {\n          key\n          label\n          category\n          position\n          transitions\n          wipLimit\n          conversionOnly\n        }\n        totalCount\n        leads {\n          edges {\n            cursor\n            node {\n              id\n              ...BoardCard_lead\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  query Pipelines {\n    pipelines {\n      id\n      name\n      isDefault\n    }\n  }\n": typeof types.PipelinesDocument,
    "\n  subscription BoardMoves($pipelineId: ID) {\n    leadStatusChanged(pipelineId: $pipelineId) {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.BoardMovesDocument,
    "\n  subscription BoardChanges($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.BoardChangesDocument,
    "\n  mutation MoveLead($id: ID!, $toStatus: String!, $afterId: ID, $beforeId: ID, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, afterId: $afterId, beforeId: $beforeId, expectedVersion: $expectedVersion) {\n      id\n      status\n      version\n      updatedAt\n      stage {\n        key\n        label\n        category\n      }\n    }\n  }\n": typeof types.MoveLeadDocument,
    "\n  query CompanyList($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          website\n          tin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CompanyListDocument,
    "\n  query CompanyPage($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      website\n      tin\n      viewerMayEdit\n      contacts(first: 50) {\n        id\n        firstName\n        lastName\n        email\n        phone\n        saved\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n        convertedDeal {\n          id\n          ...DealList_deal\n        }\n      }\n    }\n  }\n": typeof types.CompanyPageDocument,
    "\n  mutation UpdateCompany($id: ID!, $input: CompanyInput!) {\n    updateCompany(id: $id, input: $input) {\n      id\n      name\n      website\n      tin\n    }\n  }\n": typeof types.UpdateCompanyDocument,
    "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n      viewerMayEdit\n      company {\n        id\n        name\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n      }\n      deals {\n        id\n        ...DealList_deal\n      }\n    }\n  }\n": typeof types.ContactPageDocument,
    "\n  mutation UpdateContact($id: ID!, $input: ContactInput!) {\n    updateContact(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n    }\n  }\n": typeof types.UpdateContactDocument,
    "\n  query ContactList($first: Int!, $after: String, $search: String, $saved: Boolean) {\n    contacts(first: $first, after: $after, search: $search, saved: $saved) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          saved\n          company {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactListDocument,
    "\n  fragment DealList_deal on Deal {\n    id\n    name\n    stage\n    amount\n    currency\n    probability\n    closeDate\n  }\n": typeof types.DealList_DealFragmentDoc,
    "\n  fragment RecordLeads_lead on Lead {\n    id\n    requestId\n    name\n    readOnly\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n  }\n": typeof types.RecordLeads_LeadFragmentDoc,
    "\n  query DashboardConversion($from: DateTime, $to: DateTime) {\n    conversionBySource(from: $from, to: $to) {\n      sources {\n        source\n        created\n        converted\n        conversionRate\n      }\n      campaigns {\n        campaign\n        created\n        converted\n        conversionRate\n      }\n    }\n  }\n": typeof types.DashboardConversionDocument,
    "\n  query DashboardStageFunnel($from: DateTime, $to: DateTime) {\n    stageFunnel(from: $from, to: $to) {\n      pipelineName\n      created\n      steps {\n        key\n        label\n        category\n        leads\n        reached\n      }\n    }\n  }\n": typeof types.DashboardStageFunnelDocument,
    "\n  query DashboardResponseTrend($from: DateTime, $to: DateTime, $bucket: MetricsBucket) {\n    responseTrend(from: $from, to: $to, bucket: $bucket) {\n      day\n      created\n      responded\n      firstResponseMedianSeconds\n      slaDecided\n      slaMet\n      slaMetRate\n    }\n  }\n": typeof types.DashboardResponseTrendDocument,
    "\n  query DashboardScoreBands($from: DateTime, $to: DateTime) {\n    scoreBands(from: $from, to: $to) {\n      band\n      leads\n      converted\n    }\n  }\n": typeof types.DashboardScoreBandsDocument,
    "\n  query DashboardSummary($from: DateTime, $to: DateTime) {\n    metrics(from: $from, to: $to) {\n      created\n      converted\n      conversionRate\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n": typeof types.DashboardSummaryDocument,
    "\n  query DashboardWorkload($from: DateTime, $to: DateTime) {\n    repWorkload(from: $from, to: $to) {\n      user {\n        id\n        name\n      }\n      open\n      created\n      converted\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n": typeof types.DashboardWorkloadDocument,
    "\n  subscription DashboardEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.DashboardEventsDocument,
    "\n  query LeadImportPreview($sample: String!, $delimiter: String) {\n    leadImportPreview(sample: $sample, delimiter: $delimiter) {\n      delimiter\n      columns {\n        column\n        field\n        examples\n      }\n      fields {\n        key\n        label\n      }\n      problems {\n        column\n        message\n      }\n    }\n  }\n": typeof types.LeadImportPreviewDocument,
    "\n  query LeadImportRows($id: ID!) {\n    leadImport(id: $id) {\n      id\n      processedRows\n    }\n  }\n": typeof types.LeadImportRowsDocument,
    "\n  fragment ImportProgress_import on LeadImport {\n    id\n    status\n    dryRun\n    fileName\n    processedRows\n    createdCount\n    mergedCount\n    skippedCount\n    errorCount\n    errors {\n      line\n      field\n      message\n    }\n    failure\n    createdAt\n    finishedAt\n  }\n": typeof types.ImportProgress_ImportFragmentDoc,
    "\n  subscription LeadImportProgress($id: ID!) {\n    leadImportProgress(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": typeof types.LeadImportProgressDocument,
    "\n  query LeadImportNow($id: ID!) {\n    leadImport(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": typeof types.LeadImportNowDocument,
    "\n  query LeadImports($first: Int) {\n    leadImports(first: $first) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": typeof types.LeadImportsDocument,
    "\n  query InboxCounts {\n    catchUpCursor\n    inboxCounts {\n      now\n      today\n      later\n      recovery\n    }\n  }\n": typeof types.InboxCountsDocument,
    "\n  query InboxList($view: QueueView!, $first: Int!, $after: String) {\n    inbox(view: $view, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InboxListDocument,
    "\n  query InboxSearch($filter: LeadFilter!, $orderBy: LeadOrder!, $first: Int!, $after: String) {\n    leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InboxSearchDocument,
    "\n  subscription InboxEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.InboxEventsDocument,
    "\n  fragment InboxRow_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    score\n    scoreBand\n    updatedAt\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    nextAction {\n      type\n      dueAt\n    }\n    awaitingReply\n    ...SlaBadge_lead\n  }\n": typeof types.InboxRow_LeadFragmentDoc,
    "\n  fragment AttributionCard_lead on Lead {\n    id\n    attribution {\n      utmSource\n      utmMedium\n      utmCampaign\n      utmTerm\n      utmContent\n      sourceUrl\n      referrer\n      firstTouchAt\n    }\n  }\n": typeof types.AttributionCard_LeadFragmentDoc,
    "\n  fragment ConvertSection_lead on Lead {\n    id\n    name\n    companyName\n    readOnly\n    stage {\n      category\n    }\n    duplicates {\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n    }\n  }\n": typeof types.ConvertSection_LeadFragmentDoc,
    "\n  mutation ConvertLead($id: ID!, $input: ConvertLeadInput!) {\n    convertLead(id: $id, input: $input) {\n      # Everything the read-only view shows, so the banner appears whole at once.\n      lead {\n        id\n        version\n        readOnly\n        convertedAt\n        stage {\n          key\n          label\n          category\n        }\n        ...ConvertedBanner_lead\n      }\n      contact {\n        id\n      }\n      company {\n        id\n        name\n      }\n      deal {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConvertLeadDocument,
    "\n  fragment ConvertedBanner_lead on Lead {\n    id\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedDeal {\n      id\n      name\n    }\n  }\n": typeof types.ConvertedBanner_LeadFragmentDoc,
    "\n  fragment LeadDetailsForm_lead on Lead {\n    id\n    version\n    readOnly\n    name\n    firstName\n    lastName\n    middleName\n    email\n    phone\n    jobTitle\n    companyName\n    companyWebsite\n    companyTin\n    city\n    category\n    product\n    marketingCampaign\n    salesDirection\n    contentChannel\n    description\n  }\n": typeof types.LeadDetailsForm_LeadFragmentDoc,
    "\n  mutation UpdateLead($id: ID!, $input: UpdateLeadInput!, $expectedVersion: Int) {\n    updateLead(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...LeadDetailsForm_lead\n    }\n  }\n": typeof types.UpdateLeadDocument,
    "\n  fragment DuplicatesCard_lead on Lead {\n    id\n    readOnly\n    duplicates {\n      lead {\n        id\n        name\n        email\n        companyName\n      }\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n      reasons\n      confidence\n    }\n  }\n": typeof types.DuplicatesCard_LeadFragmentDoc,
    "\n  mutation MergeLeads($targetId: ID!, $sourceId: ID!) {\n    mergeLeads(targetId: $targetId, sourceId: $sourceId) {\n      id\n      version\n    }\n  }\n": typeof types.MergeLeadsDocument,
    "\n  fragment LeadExtrasCard_lead on Lead {\n    id\n    expiresAt\n    partnerCompany {\n      id\n      name\n    }\n    partnerRepresentative {\n      id\n      name\n    }\n    customer {\n      id\n      name\n      email\n    }\n    attachments {\n      id\n      url\n      name\n      fileType\n      size\n    }\n  }\n": typeof types.LeadExtrasCard_LeadFragmentDoc,
    "\n  query LeadPage($id: ID!) {\n    catchUpCursor\n    lead(id: $id) {\n      id\n      requestId\n      name\n      source\n      companyName\n      company {\n        id\n        name\n      }\n      score\n      scoreBand\n      readOnly\n      version\n      stage {\n        key\n        label\n        category\n      }\n      ...SlaBadge_lead\n      ...ConvertedBanner_lead\n      ...LeadDetailsForm_lead\n      ...LeadTimeline_lead\n      ...OwnershipCard_lead\n      ...NextActionCard_lead\n      ...ConvertSection_lead\n      ...ScoreCard_lead\n      ...DuplicatesCard_lead\n      ...AttributionCard_lead\n      ...MessagesCard_lead\n      ...StatusCard_lead\n      ...LeadRecordsCard_lead\n      ...LeadExtrasCard_lead\n    }\n  }\n": typeof types.LeadPageDocument,
    "\n  subscription LeadPageEvents($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.LeadPageEventsDocument,
    "\n  query CompanySearch($search: String, $first: Int) {\n    companies(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          name\n          website\n        }\n      }\n    }\n  }\n": typeof types.CompanySearchDocument,
    "\n  query CompanyContacts($companyId: ID!) {\n    contacts(companyId: $companyId, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n        }\n      }\n    }\n  }\n": typeof types.CompanyContactsDocument,
    "\n  query PartnerUsers {\n    users {\n      id\n      name\n      roles\n      partnerCompany {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PartnerUsersDocument,
    "\n  fragment LeadRecordsCard_lead on Lead {\n    id\n    readOnly\n    viewerMayWork\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    contact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n  }\n": typeof types.LeadRecordsCard_LeadFragmentDoc,
    "\n  mutation SaveContact($id: ID!) {\n    saveContact(id: $id, saved: true) {\n      id\n      saved\n    }\n  }\n": typeof types.SaveContactDocument,
    "\n  fragment LeadTimeline_lead on Lead {\n    id\n    readOnly\n    activities(first: 50) {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n          actor {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.LeadTimeline_LeadFragmentDoc,
    "\n  mutation AddNote($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {\n    addNote(id: $id, body: $body, attachments: $attachments) {\n      id\n    }\n  }\n": typeof types.AddNoteDocument,
    "\n  fragment MessagesCard_lead on Lead {\n    id\n    readOnly\n    email\n    phone\n    messages {\n      id\n      channel\n      direction\n      to\n      from\n      subject\n      body\n      deliveryState\n      createdAt\n    }\n  }\n": typeof types.MessagesCard_LeadFragmentDoc,
    "\n  mutation SendMessage($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {\n    sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) {\n      id\n      deliveryState\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation CreateLead($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {\n    createLead(input: $input, onDuplicate: $onDuplicate) {\n      lead {\n        id\n        name\n      }\n      merged\n      duplicates {\n        lead {\n          id\n          name\n          email\n          phone\n          companyName\n          owner {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          firstName\n          lastName\n          email\n        }\n        reasons\n        confidence\n      }\n    }\n  }\n": typeof types.CreateLeadDocument,
    "\n  fragment NextActionCard_lead on Lead {\n    id\n    readOnly\n    nextAction {\n      type\n      dueAt\n      note\n    }\n  }\n": typeof types.NextActionCard_LeadFragmentDoc,
    "\n  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {\n    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n": typeof types.SetNextActionDocument,
    "\n  mutation ClearNextAction($id: ID!) {\n    clearNextAction(id: $id) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n": typeof types.ClearNextActionDocument,
    "\n  fragment OwnershipCard_lead on Lead {\n    id\n    readOnly\n    claimExpiresAt\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n  }\n": typeof types.OwnershipCard_LeadFragmentDoc,
    "\n  mutation ClaimLead($id: ID!) {\n    claimLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": typeof types.ClaimLeadDocument,
    "\n  mutation ReleaseLead($id: ID!) {\n    releaseLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": typeof types.ReleaseLeadDocument,
    "\n  mutation TakeOwnership($id: ID!) {\n    takeOwnership(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": typeof types.TakeOwnershipDocument,
    "\n  mutation AssignLead($id: ID!, $ownerId: ID) {\n    assignLead(id: $id, ownerId: $ownerId) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": typeof types.AssignLeadDocument,
    "\n  fragment ScoreCard_lead on Lead {\n    id\n    readOnly\n    score\n    scoreBand\n    scoreHistory {\n      score\n      band\n      reasons\n      createdAt\n    }\n  }\n": typeof types.ScoreCard_LeadFragmentDoc,
    "\n  mutation RecomputeScore($id: ID!) {\n    recomputeScore(id: $id) {\n      id\n      version\n      ...ScoreCard_lead\n    }\n  }\n": typeof types.RecomputeScoreDocument,
    "\n  fragment StatusCard_lead on Lead {\n    id\n    version\n    readOnly\n    viewerMayWork\n    email\n    phone\n    outcome\n    reviewRequestStatus\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n    stage {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n    pipelineStages {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n  }\n": typeof types.StatusCard_LeadFragmentDoc,
    "\n  mutation MoveFromStatusCard($id: ID!, $toStatus: String!, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, expectedVersion: $expectedVersion) {\n      id\n      version\n      status\n      ...StatusCard_lead\n    }\n  }\n": typeof types.MoveFromStatusCardDocument,
    "\n  mutation SetOutcome($id: ID!, $outcome: String, $expectedVersion: Int) {\n    updateLead(id: $id, input: { outcome: $outcome }, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n": typeof types.SetOutcomeDocument,
    "\n  mutation RequestReview($id: ID!, $channel: MessageChannel!) {\n    requestReview(id: $id, channel: $channel) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n": typeof types.RequestReviewDocument,
    "\n  mutation RouteLead($id: ID!, $queueId: ID) {\n    routeLead(id: $id, queueId: $queueId) {\n      id\n      version\n      ...StatusCard_lead\n      ...OwnershipCard_lead\n    }\n  }\n": typeof types.RouteLeadDocument,
    "\n  query RouteQueues {\n    queues {\n      id\n      name\n    }\n  }\n": typeof types.RouteQueuesDocument,
    "\n  mutation BulkUpdateLeads($ids: [ID!]!, $action: BulkLeadActionInput!) {\n    bulkUpdateLeads(ids: $ids, action: $action) {\n      succeeded {\n        id\n        ...LeadTable_lead\n      }\n      failed {\n        id\n        code\n        reason\n        message\n      }\n    }\n  }\n": typeof types.BulkUpdateLeadsDocument,
    "\n  query BulkQueues {\n    queues {\n      id\n      name\n    }\n  }\n": typeof types.BulkQueuesDocument,
    "\n  query LeadFilterOptions {\n    pipelines {\n      id\n      stages {\n        key\n        label\n      }\n    }\n  }\n": typeof types.LeadFilterOptionsDocument,
    "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n": typeof types.LeadTable_LeadFragmentDoc,
    "\n  query LeadList($first: Int!, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {\n    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          requestId\n          name\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.LeadListDocument,
    "\n  query DevMailbox {\n    devMailbox {\n      id\n      from\n      to\n      subject\n      text\n      replyTo\n      receivedAt\n    }\n  }\n": typeof types.DevMailboxDocument,
    "\n  mutation ReplyInDevMailbox($id: ID!, $body: String!) {\n    replyInDevMailbox(id: $id, body: $body)\n  }\n": typeof types.ReplyInDevMailboxDocument,
    "\n  fragment TenantSettings_fields on TenantSettings {\n    name\n    timeZone\n    defaultCountry\n    claimWindowMinutes\n    slaFirstResponseMinutes\n    slaAtRiskPercent\n    invitationTtlDays\n    intakeDuplicatePolicy\n    mailFromName\n    mailReplyTo\n  }\n": typeof types.TenantSettings_FieldsFragmentDoc,
    "\n  query TenantSettings {\n    tenantSettings {\n      ...TenantSettings_fields\n    }\n  }\n": typeof types.TenantSettingsDocument,
    "\n  mutation UpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...TenantSettings_fields\n    }\n  }\n": typeof types.UpdateTenantSettingsDocument,
    "\n  fragment SlaBadge_lead on Lead {\n    id\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n": typeof types.SlaBadge_LeadFragmentDoc,
    "\n  query AssignableUsers {\n    assignableUsers {\n      id\n      name\n    }\n  }\n": typeof types.AssignableUsersDocument,
    "\n  fragment LiveEvent_event on LeadEvent {\n    type\n    sequence\n    fromStatus\n    toStatus\n    at\n    actor {\n      id\n    }\n    lead {\n      id\n      status\n      version\n      readOnly\n      ...BoardCard_lead\n      ...InboxRow_lead\n    }\n  }\n": typeof types.LiveEvent_EventFragmentDoc,
    "\n  query CatchUp($sequence: String!, $first: Int!) {\n    leadEventsSince(sequence: $sequence, first: $first) {\n      ...LiveEvent_event\n    }\n  }\n": typeof types.CatchUpDocument,
    "\n  subscription SlaTicks {\n    slaTimer {\n      leadId\n      at\n      sla {\n        state\n        firstResponseDueAt\n        atRiskAt\n        firstResponseAt\n      }\n    }\n  }\n": typeof types.SlaTicksDocument,
    "\n  fragment LeadSla_lead on Lead {\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n": typeof types.LeadSla_LeadFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ApiKeyRow_key on ApiKey {\n    id\n    name\n    roles\n    createdAt\n    revokedAt\n    owner {\n      id\n      name\n    }\n  }\n": types.ApiKeyRow_KeyFragmentDoc,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      id\n      ...ApiKeyRow_key\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!, $roles: [Role!]!) {\n    createApiKey(name: $name, roles: $roles) {\n      id\n      name\n      secret\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  query CaptchaKeys {\n    captchaCredential {\n      siteKey\n      secretSet\n      updatedAt\n    }\n  }\n": types.CaptchaKeysDocument,
    "\n  mutation SetCaptchaKeys($siteKey: String!, $secret: String!) {\n    setCaptchaCredential(siteKey: $siteKey, secret: $secret)\n  }\n": types.SetCaptchaKeysDocument,
    "\n  mutation ClearCaptchaKeys {\n    clearCaptchaCredential\n  }\n": types.ClearCaptchaKeysDocument,
    "\n  query CaptureForms {\n    captureForms {\n      id\n      name\n      active\n      fields\n      captchaEnabled\n      submissions\n      redirectUrl\n      thankYouMessage\n      embedUrl\n      embedSnippet\n      queue {\n        id\n        name\n      }\n    }\n  }\n": types.CaptureFormsDocument,
    "\n  query FormQueues {\n    queues {\n      id\n      name\n    }\n  }\n": types.FormQueuesDocument,
    "\n  mutation UpsertCaptureForm($id: ID, $input: CaptureFormInput!) {\n    upsertCaptureForm(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.UpsertCaptureFormDocument,
    "\n  query CaptureFormPreview($input: CaptureFormInput!) {\n    captureFormPreview(input: $input) {\n      formHtml\n      thanksHtml\n    }\n  }\n": types.CaptureFormPreviewDocument,
    "\n  fragment MessagingProviders_settings on MessagingProvidersSettings {\n    serverEmail\n    serverSms\n    email {\n      host\n      port\n      security\n      username\n      passwordSet\n      fromAddress\n    }\n    sms {\n      apiUrl\n      accountSid\n      authTokenSet\n      from\n    }\n  }\n": types.MessagingProviders_SettingsFragmentDoc,
    "\n  query MessagingProviders {\n    messagingProviders {\n      ...MessagingProviders_settings\n    }\n  }\n": types.MessagingProvidersDocument,
    "\n  mutation SetEmailProvider($input: EmailProviderInput!) {\n    setEmailProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n": types.SetEmailProviderDocument,
    "\n  mutation SetSmsProvider($input: SmsProviderInput!) {\n    setSmsProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n": types.SetSmsProviderDocument,
    "\n  mutation RemoveMessagingProvider($channel: MessageChannel!) {\n    removeMessagingProvider(channel: $channel) {\n      ...MessagingProviders_settings\n    }\n  }\n": types.RemoveMessagingProviderDocument,
    "\n  mutation SendTestMessage($channel: MessageChannel!, $to: String!) {\n    sendTestMessage(channel: $channel, to: $to) {\n      channel\n      to\n      sent\n      deliveryState\n      error\n      from\n      via\n    }\n  }\n": types.SendTestMessageDocument,
    "\n  fragment PipelineAdmin_pipeline on Pipeline {\n    id\n    name\n    preset\n    isDefault\n    stages {\n      key\n      label\n      category\n      position\n      transitions\n      wipLimit\n      conversionOnly\n      pausesSla\n    }\n  }\n": types.PipelineAdmin_PipelineFragmentDoc,
    "\n  query PipelinesAdmin {\n    pipelines {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n    pipelinePresets {\n      key\n      name\n      stages {\n        key\n        label\n      }\n    }\n  }\n": types.PipelinesAdminDocument,
    "\n  query PipelineStageCounts($pipelineId: ID) {\n    board(pipelineId: $pipelineId, perColumn: 0) {\n      columns {\n        stage {\n          key\n        }\n        totalCount\n      }\n    }\n  }\n": types.PipelineStageCountsDocument,
    "\n  mutation UpdatePipeline($id: ID!, $name: String, $stages: [StageInput!]!, $stageMapping: [StageMappingInput!]) {\n    updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $stageMapping) {\n      id\n      ...PipelineAdmin_pipeline\n    }\n  }\n": types.UpdatePipelineDocument,
    "\n  mutation CreatePipeline($name: String!, $preset: String!) {\n    createPipeline(name: $name, preset: $preset) {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n  }\n": types.CreatePipelineDocument,
    "\n  fragment QueueEditor_queue on Queue {\n    id\n    name\n    strategy\n    members {\n      id\n      name\n      active\n    }\n  }\n": types.QueueEditor_QueueFragmentDoc,
    "\n  mutation UpsertQueue($id: ID, $input: QueueInput!) {\n    upsertQueue(id: $id, input: $input) {\n      id\n      name\n      ...QueueEditor_queue\n    }\n  }\n": types.UpsertQueueDocument,
    "\n  query RoutingAdmin {\n    queues {\n      id\n      name\n      ...QueueEditor_queue\n    }\n    routingRules {\n      id\n      ...RoutingRules_rule\n    }\n    users {\n      id\n      name\n      roles\n    }\n  }\n": types.RoutingAdminDocument,
    "\n  query RoutingForms {\n    captureForms {\n      id\n      name\n    }\n  }\n": types.RoutingFormsDocument,
    "\n  query PreviewRouting($input: RoutingPreviewInput!) {\n    previewRouting(input: $input) {\n      rule {\n        id\n        position\n        source\n        category\n        city\n        minScore\n        form {\n          id\n          name\n        }\n      }\n      queue {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": types.PreviewRoutingDocument,
    "\n  fragment RoutingRules_rule on RoutingRule {\n    id\n    position\n    source\n    category\n    city\n    minScore\n    form {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n  }\n": types.RoutingRules_RuleFragmentDoc,
    "\n  mutation SetRoutingRules($rules: [RoutingRuleInput!]!) {\n    setRoutingRules(rules: $rules) {\n      id\n      ...RoutingRules_rule\n    }\n  }\n": types.SetRoutingRulesDocument,
    "\n  query ScoringRules {\n    scoringRules\n  }\n": types.ScoringRulesDocument,
    "\n  mutation SetScoringRules($rules: JSON!) {\n    setScoringRules(rules: $rules)\n  }\n": types.SetScoringRulesDocument,
    "\n  query PreviewScore($rules: JSON!, $lead: ScorePreviewLeadInput!) {\n    previewScore(rules: $rules, lead: $lead) {\n      score\n      band\n      reasons\n      rules\n    }\n  }\n": types.PreviewScoreDocument,
    "\n  fragment UserAdmin_user on User {\n    id\n    name\n    email\n    roles\n    active\n    invited\n  }\n": types.UserAdmin_UserFragmentDoc,
    "\n  query UsersAdmin {\n    users(includeInactive: true) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": types.UsersAdminDocument,
    "\n  mutation InviteUser($email: String!, $name: String!, $roles: [Role!]!) {\n    inviteUser(email: $email, name: $name, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": types.InviteUserDocument,
    "\n  mutation UpdateUserRoles($id: ID!, $roles: [Role!]!) {\n    updateUser(id: $id, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n": types.UpdateUserRolesDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    updateUser(id: $id, active: $active) {\n      id\n      active\n      ...UserAdmin_user\n    }\n  }\n": types.SetUserActiveDocument,
    "\n  mutation ReassignLeads($fromUserId: ID!, $toUserId: ID) {\n    reassignLeads(fromUserId: $fromUserId, toUserId: $toUserId)\n  }\n": types.ReassignLeadsDocument,
    "\n  fragment WebhookDeliveryRow_delivery on WebhookDelivery {\n    id\n    eventSequence\n    eventType\n    attempt\n    statusCode\n    lastError\n    deliveredAt\n    nextAttemptAt\n    createdAt\n  }\n": types.WebhookDeliveryRow_DeliveryFragmentDoc,
    "\n  fragment WebhookEndpointItem_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    active\n    disabledReason\n    failingSince\n    deliveries(first: $logSize) {\n      id\n      ...WebhookDeliveryRow_delivery\n    }\n  }\n": types.WebhookEndpointItem_EndpointFragmentDoc,
    "\n  query WebhookEndpoints($logSize: Int) {\n    webhookEndpoints {\n      id\n      ...WebhookEndpointItem_endpoint\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation SetWebhookEndpointActive($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      active\n      disabledReason\n      failingSince\n    }\n  }\n": types.SetWebhookEndpointActiveDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation ReplayWebhookEvents($id: ID!, $sinceSequence: String!) {\n    replayWebhookEvents(id: $id, sinceSequence: $sinceSequence)\n  }\n": types.ReplayWebhookEventsDocument,
    "\n  mutation RotateWebhookSecret {\n    rotateWebhookSecret {\n      secret\n      previousValidUntil\n    }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {\n    acceptInvitation(token: $token, password: $password, name: $name) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n": types.ViewerMenu_UserFragmentDoc,
    "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      roles\n      ...ViewerMenu_user\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment BoardCard_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    version\n    readOnly\n    score\n    scoreBand\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n    ...SlaBadge_lead\n  }\n": types.BoardCard_LeadFragmentDoc,
    "\n  query Board($pipelineId: ID, $perColumn: Int) {\n    catchUpCursor\n    board(pipelineId: $pipelineId, perColumn: $perColumn) {\n      pipeline {\n        id\n        name\n        preset\n      }\n      columns {\n        stage {\n          key\n          label\n          category\n          position\n          transitions\n          wipLimit\n          conversionOnly\n        }\n        totalCount\n        leads {\n          edges {\n            cursor\n            node {\n              id\n              ...BoardCard_lead\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  query Pipelines {\n    pipelines {\n      id\n      name\n      isDefault\n    }\n  }\n": types.PipelinesDocument,
    "\n  subscription BoardMoves($pipelineId: ID) {\n    leadStatusChanged(pipelineId: $pipelineId) {\n      ...LiveEvent_event\n    }\n  }\n": types.BoardMovesDocument,
    "\n  subscription BoardChanges($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n": types.BoardChangesDocument,
    "\n  mutation MoveLead($id: ID!, $toStatus: String!, $afterId: ID, $beforeId: ID, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, afterId: $afterId, beforeId: $beforeId, expectedVersion: $expectedVersion) {\n      id\n      status\n      version\n      updatedAt\n      stage {\n        key\n        label\n        category\n      }\n    }\n  }\n": types.MoveLeadDocument,
    "\n  query CompanyList($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          website\n          tin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CompanyListDocument,
    "\n  query CompanyPage($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      website\n      tin\n      viewerMayEdit\n      contacts(first: 50) {\n        id\n        firstName\n        lastName\n        email\n        phone\n        saved\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n        convertedDeal {\n          id\n          ...DealList_deal\n        }\n      }\n    }\n  }\n": types.CompanyPageDocument,
    "\n  mutation UpdateCompany($id: ID!, $input: CompanyInput!) {\n    updateCompany(id: $id, input: $input) {\n      id\n      name\n      website\n      tin\n    }\n  }\n": types.UpdateCompanyDocument,
    "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n      viewerMayEdit\n      company {\n        id\n        name\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n      }\n      deals {\n        id\n        ...DealList_deal\n      }\n    }\n  }\n": types.ContactPageDocument,
    "\n  mutation UpdateContact($id: ID!, $input: ContactInput!) {\n    updateContact(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n    }\n  }\n": types.UpdateContactDocument,
    "\n  query ContactList($first: Int!, $after: String, $search: String, $saved: Boolean) {\n    contacts(first: $first, after: $after, search: $search, saved: $saved) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          saved\n          company {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ContactListDocument,
    "\n  fragment DealList_deal on Deal {\n    id\n    name\n    stage\n    amount\n    currency\n    probability\n    closeDate\n  }\n": types.DealList_DealFragmentDoc,
    "\n  fragment RecordLeads_lead on Lead {\n    id\n    requestId\n    name\n    readOnly\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n  }\n": types.RecordLeads_LeadFragmentDoc,
    "\n  query DashboardConversion($from: DateTime, $to: DateTime) {\n    conversionBySource(from: $from, to: $to) {\n      sources {\n        source\n        created\n        converted\n        conversionRate\n      }\n      campaigns {\n        campaign\n        created\n        converted\n        conversionRate\n      }\n    }\n  }\n": types.DashboardConversionDocument,
    "\n  query DashboardStageFunnel($from: DateTime, $to: DateTime) {\n    stageFunnel(from: $from, to: $to) {\n      pipelineName\n      created\n      steps {\n        key\n        label\n        category\n        leads\n        reached\n      }\n    }\n  }\n": types.DashboardStageFunnelDocument,
    "\n  query DashboardResponseTrend($from: DateTime, $to: DateTime, $bucket: MetricsBucket) {\n    responseTrend(from: $from, to: $to, bucket: $bucket) {\n      day\n      created\n      responded\n      firstResponseMedianSeconds\n      slaDecided\n      slaMet\n      slaMetRate\n    }\n  }\n": types.DashboardResponseTrendDocument,
    "\n  query DashboardScoreBands($from: DateTime, $to: DateTime) {\n    scoreBands(from: $from, to: $to) {\n      band\n      leads\n      converted\n    }\n  }\n": types.DashboardScoreBandsDocument,
    "\n  query DashboardSummary($from: DateTime, $to: DateTime) {\n    metrics(from: $from, to: $to) {\n      created\n      converted\n      conversionRate\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n": types.DashboardSummaryDocument,
    "\n  query DashboardWorkload($from: DateTime, $to: DateTime) {\n    repWorkload(from: $from, to: $to) {\n      user {\n        id\n        name\n      }\n      open\n      created\n      converted\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n": types.DashboardWorkloadDocument,
    "\n  subscription DashboardEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n": types.DashboardEventsDocument,
    "\n  query LeadImportPreview($sample: String!, $delimiter: String) {\n    leadImportPreview(sample: $sample, delimiter: $delimiter) {\n      delimiter\n      columns {\n        column\n        field\n        examples\n      }\n      fields {\n        key\n        label\n      }\n      problems {\n        column\n        message\n      }\n    }\n  }\n": types.LeadImportPreviewDocument,
    "\n  query LeadImportRows($id: ID!) {\n    leadImport(id: $id) {\n      id\n      processedRows\n    }\n  }\n": types.LeadImportRowsDocument,
    "\n  fragment ImportProgress_import on LeadImport {\n    id\n    status\n    dryRun\n    fileName\n    processedRows\n    createdCount\n    mergedCount\n    skippedCount\n    errorCount\n    errors {\n      line\n      field\n      message\n    }\n    failure\n    createdAt\n    finishedAt\n  }\n": types.ImportProgress_ImportFragmentDoc,
    "\n  subscription LeadImportProgress($id: ID!) {\n    leadImportProgress(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": types.LeadImportProgressDocument,
    "\n  query LeadImportNow($id: ID!) {\n    leadImport(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": types.LeadImportNowDocument,
    "\n  query LeadImports($first: Int) {\n    leadImports(first: $first) {\n      id\n      ...ImportProgress_import\n    }\n  }\n": types.LeadImportsDocument,
    "\n  query InboxCounts {\n    catchUpCursor\n    inboxCounts {\n      now\n      today\n      later\n      recovery\n    }\n  }\n": types.InboxCountsDocument,
    "\n  query InboxList($view: QueueView!, $first: Int!, $after: String) {\n    inbox(view: $view, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InboxListDocument,
    "\n  query InboxSearch($filter: LeadFilter!, $orderBy: LeadOrder!, $first: Int!, $after: String) {\n    leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InboxSearchDocument,
    "\n  subscription InboxEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n": types.InboxEventsDocument,
    "\n  fragment InboxRow_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    score\n    scoreBand\n    updatedAt\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    nextAction {\n      type\n      dueAt\n    }\n    awaitingReply\n    ...SlaBadge_lead\n  }\n": types.InboxRow_LeadFragmentDoc,
    "\n  fragment AttributionCard_lead on Lead {\n    id\n    attribution {\n      utmSource\n      utmMedium\n      utmCampaign\n      utmTerm\n      utmContent\n      sourceUrl\n      referrer\n      firstTouchAt\n    }\n  }\n": types.AttributionCard_LeadFragmentDoc,
    "\n  fragment ConvertSection_lead on Lead {\n    id\n    name\n    companyName\n    readOnly\n    stage {\n      category\n    }\n    duplicates {\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n    }\n  }\n": types.ConvertSection_LeadFragmentDoc,
    "\n  mutation ConvertLead($id: ID!, $input: ConvertLeadInput!) {\n    convertLead(id: $id, input: $input) {\n      # Everything the read-only view shows, so the banner appears whole at once.\n      lead {\n        id\n        version\n        readOnly\n        convertedAt\n        stage {\n          key\n          label\n          category\n        }\n        ...ConvertedBanner_lead\n      }\n      contact {\n        id\n      }\n      company {\n        id\n        name\n      }\n      deal {\n        id\n        name\n      }\n    }\n  }\n": types.ConvertLeadDocument,
    "\n  fragment ConvertedBanner_lead on Lead {\n    id\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedDeal {\n      id\n      name\n    }\n  }\n": types.ConvertedBanner_LeadFragmentDoc,
    "\n  fragment LeadDetailsForm_lead on Lead {\n    id\n    version\n    readOnly\n    name\n    firstName\n    lastName\n    middleName\n    email\n    phone\n    jobTitle\n    companyName\n    companyWebsite\n    companyTin\n    city\n    category\n    product\n    marketingCampaign\n    salesDirection\n    contentChannel\n    description\n  }\n": types.LeadDetailsForm_LeadFragmentDoc,
    "\n  mutation UpdateLead($id: ID!, $input: UpdateLeadInput!, $expectedVersion: Int) {\n    updateLead(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...LeadDetailsForm_lead\n    }\n  }\n": types.UpdateLeadDocument,
    "\n  fragment DuplicatesCard_lead on Lead {\n    id\n    readOnly\n    duplicates {\n      lead {\n        id\n        name\n        email\n        companyName\n      }\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n      reasons\n      confidence\n    }\n  }\n": types.DuplicatesCard_LeadFragmentDoc,
    "\n  mutation MergeLeads($targetId: ID!, $sourceId: ID!) {\n    mergeLeads(targetId: $targetId, sourceId: $sourceId) {\n      id\n      version\n    }\n  }\n": types.MergeLeadsDocument,
    "\n  fragment LeadExtrasCard_lead on Lead {\n    id\n    expiresAt\n    partnerCompany {\n      id\n      name\n    }\n    partnerRepresentative {\n      id\n      name\n    }\n    customer {\n      id\n      name\n      email\n    }\n    attachments {\n      id\n      url\n      name\n      fileType\n      size\n    }\n  }\n": types.LeadExtrasCard_LeadFragmentDoc,
    "\n  query LeadPage($id: ID!) {\n    catchUpCursor\n    lead(id: $id) {\n      id\n      requestId\n      name\n      source\n      companyName\n      company {\n        id\n        name\n      }\n      score\n      scoreBand\n      readOnly\n      version\n      stage {\n        key\n        label\n        category\n      }\n      ...SlaBadge_lead\n      ...ConvertedBanner_lead\n      ...LeadDetailsForm_lead\n      ...LeadTimeline_lead\n      ...OwnershipCard_lead\n      ...NextActionCard_lead\n      ...ConvertSection_lead\n      ...ScoreCard_lead\n      ...DuplicatesCard_lead\n      ...AttributionCard_lead\n      ...MessagesCard_lead\n      ...StatusCard_lead\n      ...LeadRecordsCard_lead\n      ...LeadExtrasCard_lead\n    }\n  }\n": types.LeadPageDocument,
    "\n  subscription LeadPageEvents($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n": types.LeadPageEventsDocument,
    "\n  query CompanySearch($search: String, $first: Int) {\n    companies(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          name\n          website\n        }\n      }\n    }\n  }\n": types.CompanySearchDocument,
    "\n  query CompanyContacts($companyId: ID!) {\n    contacts(companyId: $companyId, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n        }\n      }\n    }\n  }\n": types.CompanyContactsDocument,
    "\n  query PartnerUsers {\n    users {\n      id\n      name\n      roles\n      partnerCompany {\n        id\n        name\n      }\n    }\n  }\n": types.PartnerUsersDocument,
    "\n  fragment LeadRecordsCard_lead on Lead {\n    id\n    readOnly\n    viewerMayWork\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    contact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n  }\n": types.LeadRecordsCard_LeadFragmentDoc,
    "\n  mutation SaveContact($id: ID!) {\n    saveContact(id: $id, saved: true) {\n      id\n      saved\n    }\n  }\n": types.SaveContactDocument,
    "\n  fragment LeadTimeline_lead on Lead {\n    id\n    readOnly\n    activities(first: 50) {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n          actor {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.LeadTimeline_LeadFragmentDoc,
    "\n  mutation AddNote($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {\n    addNote(id: $id, body: $body, attachments: $attachments) {\n      id\n    }\n  }\n": types.AddNoteDocument,
    "\n  fragment MessagesCard_lead on Lead {\n    id\n    readOnly\n    email\n    phone\n    messages {\n      id\n      channel\n      direction\n      to\n      from\n      subject\n      body\n      deliveryState\n      createdAt\n    }\n  }\n": types.MessagesCard_LeadFragmentDoc,
    "\n  mutation SendMessage($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {\n    sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) {\n      id\n      deliveryState\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation CreateLead($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {\n    createLead(input: $input, onDuplicate: $onDuplicate) {\n      lead {\n        id\n        name\n      }\n      merged\n      duplicates {\n        lead {\n          id\n          name\n          email\n          phone\n          companyName\n          owner {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          firstName\n          lastName\n          email\n        }\n        reasons\n        confidence\n      }\n    }\n  }\n": types.CreateLeadDocument,
    "\n  fragment NextActionCard_lead on Lead {\n    id\n    readOnly\n    nextAction {\n      type\n      dueAt\n      note\n    }\n  }\n": types.NextActionCard_LeadFragmentDoc,
    "\n  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {\n    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n": types.SetNextActionDocument,
    "\n  mutation ClearNextAction($id: ID!) {\n    clearNextAction(id: $id) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n": types.ClearNextActionDocument,
    "\n  fragment OwnershipCard_lead on Lead {\n    id\n    readOnly\n    claimExpiresAt\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n  }\n": types.OwnershipCard_LeadFragmentDoc,
    "\n  mutation ClaimLead($id: ID!) {\n    claimLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": types.ClaimLeadDocument,
    "\n  mutation ReleaseLead($id: ID!) {\n    releaseLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": types.ReleaseLeadDocument,
    "\n  mutation TakeOwnership($id: ID!) {\n    takeOwnership(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": types.TakeOwnershipDocument,
    "\n  mutation AssignLead($id: ID!, $ownerId: ID) {\n    assignLead(id: $id, ownerId: $ownerId) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n": types.AssignLeadDocument,
    "\n  fragment ScoreCard_lead on Lead {\n    id\n    readOnly\n    score\n    scoreBand\n    scoreHistory {\n      score\n      band\n      reasons\n      createdAt\n    }\n  }\n": types.ScoreCard_LeadFragmentDoc,
    "\n  mutation RecomputeScore($id: ID!) {\n    recomputeScore(id: $id) {\n      id\n      version\n      ...ScoreCard_lead\n    }\n  }\n": types.RecomputeScoreDocument,
    "\n  fragment StatusCard_lead on Lead {\n    id\n    version\n    readOnly\n    viewerMayWork\n    email\n    phone\n    outcome\n    reviewRequestStatus\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n    stage {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n    pipelineStages {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n  }\n": types.StatusCard_LeadFragmentDoc,
    "\n  mutation MoveFromStatusCard($id: ID!, $toStatus: String!, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, expectedVersion: $expectedVersion) {\n      id\n      version\n      status\n      ...StatusCard_lead\n    }\n  }\n": types.MoveFromStatusCardDocument,
    "\n  mutation SetOutcome($id: ID!, $outcome: String, $expectedVersion: Int) {\n    updateLead(id: $id, input: { outcome: $outcome }, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n": types.SetOutcomeDocument,
    "\n  mutation RequestReview($id: ID!, $channel: MessageChannel!) {\n    requestReview(id: $id, channel: $channel) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n": types.RequestReviewDocument,
    "\n  mutation RouteLead($id: ID!, $queueId: ID) {\n    routeLead(id: $id, queueId: $queueId) {\n      id\n      version\n      ...StatusCard_lead\n      ...OwnershipCard_lead\n    }\n  }\n": types.RouteLeadDocument,
    "\n  query RouteQueues {\n    queues {\n      id\n      name\n    }\n  }\n": types.RouteQueuesDocument,
    "\n  mutation BulkUpdateLeads($ids: [ID!]!, $action: BulkLeadActionInput!) {\n    bulkUpdateLeads(ids: $ids, action: $action) {\n      succeeded {\n        id\n        ...LeadTable_lead\n      }\n      failed {\n        id\n        code\n        reason\n        message\n      }\n    }\n  }\n": types.BulkUpdateLeadsDocument,
    "\n  query BulkQueues {\n    queues {\n      id\n      name\n    }\n  }\n": types.BulkQueuesDocument,
    "\n  query LeadFilterOptions {\n    pipelines {\n      id\n      stages {\n        key\n        label\n      }\n    }\n  }\n": types.LeadFilterOptionsDocument,
    "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n": types.LeadTable_LeadFragmentDoc,
    "\n  query LeadList($first: Int!, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {\n    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          requestId\n          name\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.LeadListDocument,
    "\n  query DevMailbox {\n    devMailbox {\n      id\n      from\n      to\n      subject\n      text\n      replyTo\n      receivedAt\n    }\n  }\n": types.DevMailboxDocument,
    "\n  mutation ReplyInDevMailbox($id: ID!, $body: String!) {\n    replyInDevMailbox(id: $id, body: $body)\n  }\n": types.ReplyInDevMailboxDocument,
    "\n  fragment TenantSettings_fields on TenantSettings {\n    name\n    timeZone\n    defaultCountry\n    claimWindowMinutes\n    slaFirstResponseMinutes\n    slaAtRiskPercent\n    invitationTtlDays\n    intakeDuplicatePolicy\n    mailFromName\n    mailReplyTo\n  }\n": types.TenantSettings_FieldsFragmentDoc,
    "\n  query TenantSettings {\n    tenantSettings {\n      ...TenantSettings_fields\n    }\n  }\n": types.TenantSettingsDocument,
    "\n  mutation UpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...TenantSettings_fields\n    }\n  }\n": types.UpdateTenantSettingsDocument,
    "\n  fragment SlaBadge_lead on Lead {\n    id\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n": types.SlaBadge_LeadFragmentDoc,
    "\n  query AssignableUsers {\n    assignableUsers {\n      id\n      name\n    }\n  }\n": types.AssignableUsersDocument,
    "\n  fragment LiveEvent_event on LeadEvent {\n    type\n    sequence\n    fromStatus\n    toStatus\n    at\n    actor {\n      id\n    }\n    lead {\n      id\n      status\n      version\n      readOnly\n      ...BoardCard_lead\n      ...InboxRow_lead\n    }\n  }\n": types.LiveEvent_EventFragmentDoc,
    "\n  query CatchUp($sequence: String!, $first: Int!) {\n    leadEventsSince(sequence: $sequence, first: $first) {\n      ...LiveEvent_event\n    }\n  }\n": types.CatchUpDocument,
    "\n  subscription SlaTicks {\n    slaTimer {\n      leadId\n      at\n      sla {\n        state\n        firstResponseDueAt\n        atRiskAt\n        firstResponseAt\n      }\n    }\n  }\n": types.SlaTicksDocument,
    "\n  fragment LeadSla_lead on Lead {\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n": types.LeadSla_LeadFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow_key on ApiKey {\n    id\n    name\n    roles\n    createdAt\n    revokedAt\n    owner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow_key on ApiKey {\n    id\n    name\n    roles\n    createdAt\n    revokedAt\n    owner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      id\n      ...ApiKeyRow_key\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      id\n      ...ApiKeyRow_key\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $roles: [Role!]!) {\n    createApiKey(name: $name, roles: $roles) {\n      id\n      name\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!, $roles: [Role!]!) {\n    createApiKey(name: $name, roles: $roles) {\n      id\n      name\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaptchaKeys {\n    captchaCredential {\n      siteKey\n      secretSet\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query CaptchaKeys {\n    captchaCredential {\n      siteKey\n      secretSet\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaptchaKeys($siteKey: String!, $secret: String!) {\n    setCaptchaCredential(siteKey: $siteKey, secret: $secret)\n  }\n"): (typeof documents)["\n  mutation SetCaptchaKeys($siteKey: String!, $secret: String!) {\n    setCaptchaCredential(siteKey: $siteKey, secret: $secret)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearCaptchaKeys {\n    clearCaptchaCredential\n  }\n"): (typeof documents)["\n  mutation ClearCaptchaKeys {\n    clearCaptchaCredential\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaptureForms {\n    captureForms {\n      id\n      name\n      active\n      fields\n      captchaEnabled\n      submissions\n      redirectUrl\n      thankYouMessage\n      embedUrl\n      embedSnippet\n      queue {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaptureForms {\n    captureForms {\n      id\n      name\n      active\n      fields\n      captchaEnabled\n      submissions\n      redirectUrl\n      thankYouMessage\n      embedUrl\n      embedSnippet\n      queue {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FormQueues {\n    queues {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query FormQueues {\n    queues {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertCaptureForm($id: ID, $input: CaptureFormInput!) {\n    upsertCaptureForm(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertCaptureForm($id: ID, $input: CaptureFormInput!) {\n    upsertCaptureForm(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaptureFormPreview($input: CaptureFormInput!) {\n    captureFormPreview(input: $input) {\n      formHtml\n      thanksHtml\n    }\n  }\n"): (typeof documents)["\n  query CaptureFormPreview($input: CaptureFormInput!) {\n    captureFormPreview(input: $input) {\n      formHtml\n      thanksHtml\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessagingProviders_settings on MessagingProvidersSettings {\n    serverEmail\n    serverSms\n    email {\n      host\n      port\n      security\n      username\n      passwordSet\n      fromAddress\n    }\n    sms {\n      apiUrl\n      accountSid\n      authTokenSet\n      from\n    }\n  }\n"): (typeof documents)["\n  fragment MessagingProviders_settings on MessagingProvidersSettings {\n    serverEmail\n    serverSms\n    email {\n      host\n      port\n      security\n      username\n      passwordSet\n      fromAddress\n    }\n    sms {\n      apiUrl\n      accountSid\n      authTokenSet\n      from\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagingProviders {\n    messagingProviders {\n      ...MessagingProviders_settings\n    }\n  }\n"): (typeof documents)["\n  query MessagingProviders {\n    messagingProviders {\n      ...MessagingProviders_settings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEmailProvider($input: EmailProviderInput!) {\n    setEmailProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n"): (typeof documents)["\n  mutation SetEmailProvider($input: EmailProviderInput!) {\n    setEmailProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSmsProvider($input: SmsProviderInput!) {\n    setSmsProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n"): (typeof documents)["\n  mutation SetSmsProvider($input: SmsProviderInput!) {\n    setSmsProvider(input: $input) {\n      ...MessagingProviders_settings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMessagingProvider($channel: MessageChannel!) {\n    removeMessagingProvider(channel: $channel) {\n      ...MessagingProviders_settings\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMessagingProvider($channel: MessageChannel!) {\n    removeMessagingProvider(channel: $channel) {\n      ...MessagingProviders_settings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestMessage($channel: MessageChannel!, $to: String!) {\n    sendTestMessage(channel: $channel, to: $to) {\n      channel\n      to\n      sent\n      deliveryState\n      error\n      from\n      via\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestMessage($channel: MessageChannel!, $to: String!) {\n    sendTestMessage(channel: $channel, to: $to) {\n      channel\n      to\n      sent\n      deliveryState\n      error\n      from\n      via\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PipelineAdmin_pipeline on Pipeline {\n    id\n    name\n    preset\n    isDefault\n    stages {\n      key\n      label\n      category\n      position\n      transitions\n      wipLimit\n      conversionOnly\n      pausesSla\n    }\n  }\n"): (typeof documents)["\n  fragment PipelineAdmin_pipeline on Pipeline {\n    id\n    name\n    preset\n    isDefault\n    stages {\n      key\n      label\n      category\n      position\n      transitions\n      wipLimit\n      conversionOnly\n      pausesSla\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PipelinesAdmin {\n    pipelines {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n    pipelinePresets {\n      key\n      name\n      stages {\n        key\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query PipelinesAdmin {\n    pipelines {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n    pipelinePresets {\n      key\n      name\n      stages {\n        key\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PipelineStageCounts($pipelineId: ID) {\n    board(pipelineId: $pipelineId, perColumn: 0) {\n      columns {\n        stage {\n          key\n        }\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query PipelineStageCounts($pipelineId: ID) {\n    board(pipelineId: $pipelineId, perColumn: 0) {\n      columns {\n        stage {\n          key\n        }\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePipeline($id: ID!, $name: String, $stages: [StageInput!]!, $stageMapping: [StageMappingInput!]) {\n    updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $stageMapping) {\n      id\n      ...PipelineAdmin_pipeline\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePipeline($id: ID!, $name: String, $stages: [StageInput!]!, $stageMapping: [StageMappingInput!]) {\n    updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $stageMapping) {\n      id\n      ...PipelineAdmin_pipeline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePipeline($name: String!, $preset: String!) {\n    createPipeline(name: $name, preset: $preset) {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePipeline($name: String!, $preset: String!) {\n    createPipeline(name: $name, preset: $preset) {\n      id\n      name\n      isDefault\n      ...PipelineAdmin_pipeline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueEditor_queue on Queue {\n    id\n    name\n    strategy\n    members {\n      id\n      name\n      active\n    }\n  }\n"): (typeof documents)["\n  fragment QueueEditor_queue on Queue {\n    id\n    name\n    strategy\n    members {\n      id\n      name\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertQueue($id: ID, $input: QueueInput!) {\n    upsertQueue(id: $id, input: $input) {\n      id\n      name\n      ...QueueEditor_queue\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertQueue($id: ID, $input: QueueInput!) {\n    upsertQueue(id: $id, input: $input) {\n      id\n      name\n      ...QueueEditor_queue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoutingAdmin {\n    queues {\n      id\n      name\n      ...QueueEditor_queue\n    }\n    routingRules {\n      id\n      ...RoutingRules_rule\n    }\n    users {\n      id\n      name\n      roles\n    }\n  }\n"): (typeof documents)["\n  query RoutingAdmin {\n    queues {\n      id\n      name\n      ...QueueEditor_queue\n    }\n    routingRules {\n      id\n      ...RoutingRules_rule\n    }\n    users {\n      id\n      name\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoutingForms {\n    captureForms {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query RoutingForms {\n    captureForms {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewRouting($input: RoutingPreviewInput!) {\n    previewRouting(input: $input) {\n      rule {\n        id\n        position\n        source\n        category\n        city\n        minScore\n        form {\n          id\n          name\n        }\n      }\n      queue {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewRouting($input: RoutingPreviewInput!) {\n    previewRouting(input: $input) {\n      rule {\n        id\n        position\n        source\n        category\n        city\n        minScore\n        form {\n          id\n          name\n        }\n      }\n      queue {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoutingRules_rule on RoutingRule {\n    id\n    position\n    source\n    category\n    city\n    minScore\n    form {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RoutingRules_rule on RoutingRule {\n    id\n    position\n    source\n    category\n    city\n    minScore\n    form {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRoutingRules($rules: [RoutingRuleInput!]!) {\n    setRoutingRules(rules: $rules) {\n      id\n      ...RoutingRules_rule\n    }\n  }\n"): (typeof documents)["\n  mutation SetRoutingRules($rules: [RoutingRuleInput!]!) {\n    setRoutingRules(rules: $rules) {\n      id\n      ...RoutingRules_rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScoringRules {\n    scoringRules\n  }\n"): (typeof documents)["\n  query ScoringRules {\n    scoringRules\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetScoringRules($rules: JSON!) {\n    setScoringRules(rules: $rules)\n  }\n"): (typeof documents)["\n  mutation SetScoringRules($rules: JSON!) {\n    setScoringRules(rules: $rules)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewScore($rules: JSON!, $lead: ScorePreviewLeadInput!) {\n    previewScore(rules: $rules, lead: $lead) {\n      score\n      band\n      reasons\n      rules\n    }\n  }\n"): (typeof documents)["\n  query PreviewScore($rules: JSON!, $lead: ScorePreviewLeadInput!) {\n    previewScore(rules: $rules, lead: $lead) {\n      score\n      band\n      reasons\n      rules\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserAdmin_user on User {\n    id\n    name\n    email\n    roles\n    active\n    invited\n  }\n"): (typeof documents)["\n  fragment UserAdmin_user on User {\n    id\n    name\n    email\n    roles\n    active\n    invited\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersAdmin {\n    users(includeInactive: true) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"): (typeof documents)["\n  query UsersAdmin {\n    users(includeInactive: true) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($email: String!, $name: String!, $roles: [Role!]!) {\n    inviteUser(email: $email, name: $name, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($email: String!, $name: String!, $roles: [Role!]!) {\n    inviteUser(email: $email, name: $name, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserRoles($id: ID!, $roles: [Role!]!) {\n    updateUser(id: $id, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserRoles($id: ID!, $roles: [Role!]!) {\n    updateUser(id: $id, roles: $roles) {\n      id\n      ...UserAdmin_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    updateUser(id: $id, active: $active) {\n      id\n      active\n      ...UserAdmin_user\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    updateUser(id: $id, active: $active) {\n      id\n      active\n      ...UserAdmin_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignLeads($fromUserId: ID!, $toUserId: ID) {\n    reassignLeads(fromUserId: $fromUserId, toUserId: $toUserId)\n  }\n"): (typeof documents)["\n  mutation ReassignLeads($fromUserId: ID!, $toUserId: ID) {\n    reassignLeads(fromUserId: $fromUserId, toUserId: $toUserId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryRow_delivery on WebhookDelivery {\n    id\n    eventSequence\n    eventType\n    attempt\n    statusCode\n    lastError\n    deliveredAt\n    nextAttemptAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryRow_delivery on WebhookDelivery {\n    id\n    eventSequence\n    eventType\n    attempt\n    statusCode\n    lastError\n    deliveredAt\n    nextAttemptAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointItem_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    active\n    disabledReason\n    failingSince\n    deliveries(first: $logSize) {\n      id\n      ...WebhookDeliveryRow_delivery\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointItem_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    active\n    disabledReason\n    failingSince\n    deliveries(first: $logSize) {\n      id\n      ...WebhookDeliveryRow_delivery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints($logSize: Int) {\n    webhookEndpoints {\n      id\n      ...WebhookEndpointItem_endpoint\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpoints($logSize: Int) {\n    webhookEndpoints {\n      id\n      ...WebhookEndpointItem_endpoint\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWebhookEndpointActive($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      active\n      disabledReason\n      failingSince\n    }\n  }\n"): (typeof documents)["\n  mutation SetWebhookEndpointActive($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      active\n      disabledReason\n      failingSince\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookEvents($id: ID!, $sinceSequence: String!) {\n    replayWebhookEvents(id: $id, sinceSequence: $sinceSequence)\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookEvents($id: ID!, $sinceSequence: String!) {\n    replayWebhookEvents(id: $id, sinceSequence: $sinceSequence)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret {\n    rotateWebhookSecret {\n      secret\n      previousValidUntil\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret {\n    rotateWebhookSecret {\n      secret\n      previousValidUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {\n    acceptInvitation(token: $token, password: $password, name: $name) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {\n    acceptInvitation(token: $token, password: $password, name: $name) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n"): (typeof documents)["\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        roles\n        ...ViewerMenu_user\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      roles\n      ...ViewerMenu_user\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      roles\n      ...ViewerMenu_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardCard_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    version\n    readOnly\n    score\n    scoreBand\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n    ...SlaBadge_lead\n  }\n"): (typeof documents)["\n  fragment BoardCard_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    version\n    readOnly\n    score\n    scoreBand\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n    ...SlaBadge_lead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($pipelineId: ID, $perColumn: Int) {\n    catchUpCursor\n    board(pipelineId: $pipelineId, perColumn: $perColumn) {\n      pipeline {\n        id\n        name\n        preset\n      }\n      columns {\n        stage {\n          key\n          label\n          category\n          position\n          transitions\n          wipLimit\n          conversionOnly\n        }\n        totalCount\n        leads {\n          edges {\n            cursor\n            node {\n              id\n              ...BoardCard_lead\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Board($pipelineId: ID, $perColumn: Int) {\n    catchUpCursor\n    board(pipelineId: $pipelineId, perColumn: $perColumn) {\n      pipeline {\n        id\n        name\n        preset\n      }\n      columns {\n        stage {\n          key\n          label\n          category\n          position\n          transitions\n          wipLimit\n          conversionOnly\n        }\n        totalCount\n        leads {\n          edges {\n            cursor\n            node {\n              id\n              ...BoardCard_lead\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pipelines {\n    pipelines {\n      id\n      name\n      isDefault\n    }\n  }\n"): (typeof documents)["\n  query Pipelines {\n    pipelines {\n      id\n      name\n      isDefault\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardMoves($pipelineId: ID) {\n    leadStatusChanged(pipelineId: $pipelineId) {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription BoardMoves($pipelineId: ID) {\n    leadStatusChanged(pipelineId: $pipelineId) {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardChanges($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription BoardChanges($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveLead($id: ID!, $toStatus: String!, $afterId: ID, $beforeId: ID, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, afterId: $afterId, beforeId: $beforeId, expectedVersion: $expectedVersion) {\n      id\n      status\n      version\n      updatedAt\n      stage {\n        key\n        label\n        category\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MoveLead($id: ID!, $toStatus: String!, $afterId: ID, $beforeId: ID, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, afterId: $afterId, beforeId: $beforeId, expectedVersion: $expectedVersion) {\n      id\n      status\n      version\n      updatedAt\n      stage {\n        key\n        label\n        category\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyList($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          website\n          tin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyList($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          website\n          tin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyPage($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      website\n      tin\n      viewerMayEdit\n      contacts(first: 50) {\n        id\n        firstName\n        lastName\n        email\n        phone\n        saved\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n        convertedDeal {\n          id\n          ...DealList_deal\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyPage($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      website\n      tin\n      viewerMayEdit\n      contacts(first: 50) {\n        id\n        firstName\n        lastName\n        email\n        phone\n        saved\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n        convertedDeal {\n          id\n          ...DealList_deal\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCompany($id: ID!, $input: CompanyInput!) {\n    updateCompany(id: $id, input: $input) {\n      id\n      name\n      website\n      tin\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCompany($id: ID!, $input: CompanyInput!) {\n    updateCompany(id: $id, input: $input) {\n      id\n      name\n      website\n      tin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n      viewerMayEdit\n      company {\n        id\n        name\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n      }\n      deals {\n        id\n        ...DealList_deal\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n      viewerMayEdit\n      company {\n        id\n        name\n      }\n      leads(first: 50) {\n        id\n        ...RecordLeads_lead\n      }\n      deals {\n        id\n        ...DealList_deal\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateContact($id: ID!, $input: ContactInput!) {\n    updateContact(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateContact($id: ID!, $input: ContactInput!) {\n    updateContact(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactList($first: Int!, $after: String, $search: String, $saved: Boolean) {\n    contacts(first: $first, after: $after, search: $search, saved: $saved) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          saved\n          company {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactList($first: Int!, $after: String, $search: String, $saved: Boolean) {\n    contacts(first: $first, after: $after, search: $search, saved: $saved) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          saved\n          company {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DealList_deal on Deal {\n    id\n    name\n    stage\n    amount\n    currency\n    probability\n    closeDate\n  }\n"): (typeof documents)["\n  fragment DealList_deal on Deal {\n    id\n    name\n    stage\n    amount\n    currency\n    probability\n    closeDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordLeads_lead on Lead {\n    id\n    requestId\n    name\n    readOnly\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RecordLeads_lead on Lead {\n    id\n    requestId\n    name\n    readOnly\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardConversion($from: DateTime, $to: DateTime) {\n    conversionBySource(from: $from, to: $to) {\n      sources {\n        source\n        created\n        converted\n        conversionRate\n      }\n      campaigns {\n        campaign\n        created\n        converted\n        conversionRate\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardConversion($from: DateTime, $to: DateTime) {\n    conversionBySource(from: $from, to: $to) {\n      sources {\n        source\n        created\n        converted\n        conversionRate\n      }\n      campaigns {\n        campaign\n        created\n        converted\n        conversionRate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStageFunnel($from: DateTime, $to: DateTime) {\n    stageFunnel(from: $from, to: $to) {\n      pipelineName\n      created\n      steps {\n        key\n        label\n        category\n        leads\n        reached\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardStageFunnel($from: DateTime, $to: DateTime) {\n    stageFunnel(from: $from, to: $to) {\n      pipelineName\n      created\n      steps {\n        key\n        label\n        category\n        leads\n        reached\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardResponseTrend($from: DateTime, $to: DateTime, $bucket: MetricsBucket) {\n    responseTrend(from: $from, to: $to, bucket: $bucket) {\n      day\n      created\n      responded\n      firstResponseMedianSeconds\n      slaDecided\n      slaMet\n      slaMetRate\n    }\n  }\n"): (typeof documents)["\n  query DashboardResponseTrend($from: DateTime, $to: DateTime, $bucket: MetricsBucket) {\n    responseTrend(from: $from, to: $to, bucket: $bucket) {\n      day\n      created\n      responded\n      firstResponseMedianSeconds\n      slaDecided\n      slaMet\n      slaMetRate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardScoreBands($from: DateTime, $to: DateTime) {\n    scoreBands(from: $from, to: $to) {\n      band\n      leads\n      converted\n    }\n  }\n"): (typeof documents)["\n  query DashboardScoreBands($from: DateTime, $to: DateTime) {\n    scoreBands(from: $from, to: $to) {\n      band\n      leads\n      converted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSummary($from: DateTime, $to: DateTime) {\n    metrics(from: $from, to: $to) {\n      created\n      converted\n      conversionRate\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n"): (typeof documents)["\n  query DashboardSummary($from: DateTime, $to: DateTime) {\n    metrics(from: $from, to: $to) {\n      created\n      converted\n      conversionRate\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardWorkload($from: DateTime, $to: DateTime) {\n    repWorkload(from: $from, to: $to) {\n      user {\n        id\n        name\n      }\n      open\n      created\n      converted\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n"): (typeof documents)["\n  query DashboardWorkload($from: DateTime, $to: DateTime) {\n    repWorkload(from: $from, to: $to) {\n      user {\n        id\n        name\n      }\n      open\n      created\n      converted\n      firstResponseMedianSeconds\n      slaMetRate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadImportPreview($sample: String!, $delimiter: String) {\n    leadImportPreview(sample: $sample, delimiter: $delimiter) {\n      delimiter\n      columns {\n        column\n        field\n        examples\n      }\n      fields {\n        key\n        label\n      }\n      problems {\n        column\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeadImportPreview($sample: String!, $delimiter: String) {\n    leadImportPreview(sample: $sample, delimiter: $delimiter) {\n      delimiter\n      columns {\n        column\n        field\n        examples\n      }\n      fields {\n        key\n        label\n      }\n      problems {\n        column\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadImportRows($id: ID!) {\n    leadImport(id: $id) {\n      id\n      processedRows\n    }\n  }\n"): (typeof documents)["\n  query LeadImportRows($id: ID!) {\n    leadImport(id: $id) {\n      id\n      processedRows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportProgress_import on LeadImport {\n    id\n    status\n    dryRun\n    fileName\n    processedRows\n    createdCount\n    mergedCount\n    skippedCount\n    errorCount\n    errors {\n      line\n      field\n      message\n    }\n    failure\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment ImportProgress_import on LeadImport {\n    id\n    status\n    dryRun\n    fileName\n    processedRows\n    createdCount\n    mergedCount\n    skippedCount\n    errorCount\n    errors {\n      line\n      field\n      message\n    }\n    failure\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeadImportProgress($id: ID!) {\n    leadImportProgress(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"): (typeof documents)["\n  subscription LeadImportProgress($id: ID!) {\n    leadImportProgress(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadImportNow($id: ID!) {\n    leadImport(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"): (typeof documents)["\n  query LeadImportNow($id: ID!) {\n    leadImport(id: $id) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadImports($first: Int) {\n    leadImports(first: $first) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"): (typeof documents)["\n  query LeadImports($first: Int) {\n    leadImports(first: $first) {\n      id\n      ...ImportProgress_import\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxCounts {\n    catchUpCursor\n    inboxCounts {\n      now\n      today\n      later\n      recovery\n    }\n  }\n"): (typeof documents)["\n  query InboxCounts {\n    catchUpCursor\n    inboxCounts {\n      now\n      today\n      later\n      recovery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxList($view: QueueView!, $first: Int!, $after: String) {\n    inbox(view: $view, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query InboxList($view: QueueView!, $first: Int!, $after: String) {\n    inbox(view: $view, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxSearch($filter: LeadFilter!, $orderBy: LeadOrder!, $first: Int!, $after: String) {\n    leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query InboxSearch($filter: LeadFilter!, $orderBy: LeadOrder!, $first: Int!, $after: String) {\n    leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...InboxRow_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InboxEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription InboxEvents {\n    leadEvents {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InboxRow_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    score\n    scoreBand\n    updatedAt\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    nextAction {\n      type\n      dueAt\n    }\n    awaitingReply\n    ...SlaBadge_lead\n  }\n"): (typeof documents)["\n  fragment InboxRow_lead on Lead {\n    id\n    requestId\n    name\n    companyName\n    score\n    scoreBand\n    updatedAt\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    nextAction {\n      type\n      dueAt\n    }\n    awaitingReply\n    ...SlaBadge_lead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttributionCard_lead on Lead {\n    id\n    attribution {\n      utmSource\n      utmMedium\n      utmCampaign\n      utmTerm\n      utmContent\n      sourceUrl\n      referrer\n      firstTouchAt\n    }\n  }\n"): (typeof documents)["\n  fragment AttributionCard_lead on Lead {\n    id\n    attribution {\n      utmSource\n      utmMedium\n      utmCampaign\n      utmTerm\n      utmContent\n      sourceUrl\n      referrer\n      firstTouchAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConvertSection_lead on Lead {\n    id\n    name\n    companyName\n    readOnly\n    stage {\n      category\n    }\n    duplicates {\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConvertSection_lead on Lead {\n    id\n    name\n    companyName\n    readOnly\n    stage {\n      category\n    }\n    duplicates {\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvertLead($id: ID!, $input: ConvertLeadInput!) {\n    convertLead(id: $id, input: $input) {\n      # Everything the read-only view shows, so the banner appears whole at once.\n      lead {\n        id\n        version\n        readOnly\n        convertedAt\n        stage {\n          key\n          label\n          category\n        }\n        ...ConvertedBanner_lead\n      }\n      contact {\n        id\n      }\n      company {\n        id\n        name\n      }\n      deal {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvertLead($id: ID!, $input: ConvertLeadInput!) {\n    convertLead(id: $id, input: $input) {\n      # Everything the read-only view shows, so the banner appears whole at once.\n      lead {\n        id\n        version\n        readOnly\n        convertedAt\n        stage {\n          key\n          label\n          category\n        }\n        ...ConvertedBanner_lead\n      }\n      contact {\n        id\n      }\n      company {\n        id\n        name\n      }\n      deal {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConvertedBanner_lead on Lead {\n    id\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedDeal {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ConvertedBanner_lead on Lead {\n    id\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedDeal {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadDetailsForm_lead on Lead {\n    id\n    version\n    readOnly\n    name\n    firstName\n    lastName\n    middleName\n    email\n    phone\n    jobTitle\n    companyName\n    companyWebsite\n    companyTin\n    city\n    category\n    product\n    marketingCampaign\n    salesDirection\n    contentChannel\n    description\n  }\n"): (typeof documents)["\n  fragment LeadDetailsForm_lead on Lead {\n    id\n    version\n    readOnly\n    name\n    firstName\n    lastName\n    middleName\n    email\n    phone\n    jobTitle\n    companyName\n    companyWebsite\n    companyTin\n    city\n    category\n    product\n    marketingCampaign\n    salesDirection\n    contentChannel\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLead($id: ID!, $input: UpdateLeadInput!, $expectedVersion: Int) {\n    updateLead(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...LeadDetailsForm_lead\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLead($id: ID!, $input: UpdateLeadInput!, $expectedVersion: Int) {\n    updateLead(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...LeadDetailsForm_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DuplicatesCard_lead on Lead {\n    id\n    readOnly\n    duplicates {\n      lead {\n        id\n        name\n        email\n        companyName\n      }\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n      reasons\n      confidence\n    }\n  }\n"): (typeof documents)["\n  fragment DuplicatesCard_lead on Lead {\n    id\n    readOnly\n    duplicates {\n      lead {\n        id\n        name\n        email\n        companyName\n      }\n      contact {\n        id\n        firstName\n        lastName\n        email\n      }\n      reasons\n      confidence\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeLeads($targetId: ID!, $sourceId: ID!) {\n    mergeLeads(targetId: $targetId, sourceId: $sourceId) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation MergeLeads($targetId: ID!, $sourceId: ID!) {\n    mergeLeads(targetId: $targetId, sourceId: $sourceId) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadExtrasCard_lead on Lead {\n    id\n    expiresAt\n    partnerCompany {\n      id\n      name\n    }\n    partnerRepresentative {\n      id\n      name\n    }\n    customer {\n      id\n      name\n      email\n    }\n    attachments {\n      id\n      url\n      name\n      fileType\n      size\n    }\n  }\n"): (typeof documents)["\n  fragment LeadExtrasCard_lead on Lead {\n    id\n    expiresAt\n    partnerCompany {\n      id\n      name\n    }\n    partnerRepresentative {\n      id\n      name\n    }\n    customer {\n      id\n      name\n      email\n    }\n    attachments {\n      id\n      url\n      name\n      fileType\n      size\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadPage($id: ID!) {\n    catchUpCursor\n    lead(id: $id) {\n      id\n      requestId\n      name\n      source\n      companyName\n      company {\n        id\n        name\n      }\n      score\n      scoreBand\n      readOnly\n      version\n      stage {\n        key\n        label\n        category\n      }\n      ...SlaBadge_lead\n      ...ConvertedBanner_lead\n      ...LeadDetailsForm_lead\n      ...LeadTimeline_lead\n      ...OwnershipCard_lead\n      ...NextActionCard_lead\n      ...ConvertSection_lead\n      ...ScoreCard_lead\n      ...DuplicatesCard_lead\n      ...AttributionCard_lead\n      ...MessagesCard_lead\n      ...StatusCard_lead\n      ...LeadRecordsCard_lead\n      ...LeadExtrasCard_lead\n    }\n  }\n"): (typeof documents)["\n  query LeadPage($id: ID!) {\n    catchUpCursor\n    lead(id: $id) {\n      id\n      requestId\n      name\n      source\n      companyName\n      company {\n        id\n        name\n      }\n      score\n      scoreBand\n      readOnly\n      version\n      stage {\n        key\n        label\n        category\n      }\n      ...SlaBadge_lead\n      ...ConvertedBanner_lead\n      ...LeadDetailsForm_lead\n      ...LeadTimeline_lead\n      ...OwnershipCard_lead\n      ...NextActionCard_lead\n      ...ConvertSection_lead\n      ...ScoreCard_lead\n      ...DuplicatesCard_lead\n      ...AttributionCard_lead\n      ...MessagesCard_lead\n      ...StatusCard_lead\n      ...LeadRecordsCard_lead\n      ...LeadExtrasCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeadPageEvents($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription LeadPageEvents($filter: LeadEventFilter) {\n    leadEvents(filter: $filter) {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanySearch($search: String, $first: Int) {\n    companies(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          name\n          website\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanySearch($search: String, $first: Int) {\n    companies(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          name\n          website\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyContacts($companyId: ID!) {\n    contacts(companyId: $companyId, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyContacts($companyId: ID!) {\n    contacts(companyId: $companyId, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerUsers {\n    users {\n      id\n      name\n      roles\n      partnerCompany {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerUsers {\n    users {\n      id\n      name\n      roles\n      partnerCompany {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadRecordsCard_lead on Lead {\n    id\n    readOnly\n    viewerMayWork\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    contact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n  }\n"): (typeof documents)["\n  fragment LeadRecordsCard_lead on Lead {\n    id\n    readOnly\n    viewerMayWork\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    contact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n    convertedCompany {\n      id\n      name\n    }\n    convertedContact {\n      id\n      firstName\n      lastName\n      email\n      phone\n      saved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveContact($id: ID!) {\n    saveContact(id: $id, saved: true) {\n      id\n      saved\n    }\n  }\n"): (typeof documents)["\n  mutation SaveContact($id: ID!) {\n    saveContact(id: $id, saved: true) {\n      id\n      saved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadTimeline_lead on Lead {\n    id\n    readOnly\n    activities(first: 50) {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n          actor {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LeadTimeline_lead on Lead {\n    id\n    readOnly\n    activities(first: 50) {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n          actor {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddNote($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {\n    addNote(id: $id, body: $body, attachments: $attachments) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddNote($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {\n    addNote(id: $id, body: $body, attachments: $attachments) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessagesCard_lead on Lead {\n    id\n    readOnly\n    email\n    phone\n    messages {\n      id\n      channel\n      direction\n      to\n      from\n      subject\n      body\n      deliveryState\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment MessagesCard_lead on Lead {\n    id\n    readOnly\n    email\n    phone\n    messages {\n      id\n      channel\n      direction\n      to\n      from\n      subject\n      body\n      deliveryState\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {\n    sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) {\n      id\n      deliveryState\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {\n    sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) {\n      id\n      deliveryState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLead($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {\n    createLead(input: $input, onDuplicate: $onDuplicate) {\n      lead {\n        id\n        name\n      }\n      merged\n      duplicates {\n        lead {\n          id\n          name\n          email\n          phone\n          companyName\n          owner {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          firstName\n          lastName\n          email\n        }\n        reasons\n        confidence\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLead($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {\n    createLead(input: $input, onDuplicate: $onDuplicate) {\n      lead {\n        id\n        name\n      }\n      merged\n      duplicates {\n        lead {\n          id\n          name\n          email\n          phone\n          companyName\n          owner {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          firstName\n          lastName\n          email\n        }\n        reasons\n        confidence\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NextActionCard_lead on Lead {\n    id\n    readOnly\n    nextAction {\n      type\n      dueAt\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment NextActionCard_lead on Lead {\n    id\n    readOnly\n    nextAction {\n      type\n      dueAt\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {\n    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {\n    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearNextAction($id: ID!) {\n    clearNextAction(id: $id) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation ClearNextAction($id: ID!) {\n    clearNextAction(id: $id) {\n      id\n      version\n      ...NextActionCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwnershipCard_lead on Lead {\n    id\n    readOnly\n    claimExpiresAt\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment OwnershipCard_lead on Lead {\n    id\n    readOnly\n    claimExpiresAt\n    owner {\n      id\n      name\n    }\n    claimedBy {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimLead($id: ID!) {\n    claimLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimLead($id: ID!) {\n    claimLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseLead($id: ID!) {\n    releaseLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseLead($id: ID!) {\n    releaseLead(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TakeOwnership($id: ID!) {\n    takeOwnership(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation TakeOwnership($id: ID!) {\n    takeOwnership(id: $id) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignLead($id: ID!, $ownerId: ID) {\n    assignLead(id: $id, ownerId: $ownerId) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation AssignLead($id: ID!, $ownerId: ID) {\n    assignLead(id: $id, ownerId: $ownerId) {\n      id\n      version\n      ...OwnershipCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreCard_lead on Lead {\n    id\n    readOnly\n    score\n    scoreBand\n    scoreHistory {\n      score\n      band\n      reasons\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment ScoreCard_lead on Lead {\n    id\n    readOnly\n    score\n    scoreBand\n    scoreHistory {\n      score\n      band\n      reasons\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecomputeScore($id: ID!) {\n    recomputeScore(id: $id) {\n      id\n      version\n      ...ScoreCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation RecomputeScore($id: ID!) {\n    recomputeScore(id: $id) {\n      id\n      version\n      ...ScoreCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusCard_lead on Lead {\n    id\n    version\n    readOnly\n    viewerMayWork\n    email\n    phone\n    outcome\n    reviewRequestStatus\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n    stage {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n    pipelineStages {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n  }\n"): (typeof documents)["\n  fragment StatusCard_lead on Lead {\n    id\n    version\n    readOnly\n    viewerMayWork\n    email\n    phone\n    outcome\n    reviewRequestStatus\n    owner {\n      id\n    }\n    claimedBy {\n      id\n      name\n    }\n    queue {\n      id\n      name\n    }\n    stage {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n    pipelineStages {\n      key\n      label\n      category\n      transitions\n      conversionOnly\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveFromStatusCard($id: ID!, $toStatus: String!, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, expectedVersion: $expectedVersion) {\n      id\n      version\n      status\n      ...StatusCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation MoveFromStatusCard($id: ID!, $toStatus: String!, $expectedVersion: Int) {\n    moveLead(id: $id, toStatus: $toStatus, expectedVersion: $expectedVersion) {\n      id\n      version\n      status\n      ...StatusCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOutcome($id: ID!, $outcome: String, $expectedVersion: Int) {\n    updateLead(id: $id, input: { outcome: $outcome }, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation SetOutcome($id: ID!, $outcome: String, $expectedVersion: Int) {\n    updateLead(id: $id, input: { outcome: $outcome }, expectedVersion: $expectedVersion) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReview($id: ID!, $channel: MessageChannel!) {\n    requestReview(id: $id, channel: $channel) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation RequestReview($id: ID!, $channel: MessageChannel!) {\n    requestReview(id: $id, channel: $channel) {\n      id\n      version\n      ...StatusCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RouteLead($id: ID!, $queueId: ID) {\n    routeLead(id: $id, queueId: $queueId) {\n      id\n      version\n      ...StatusCard_lead\n      ...OwnershipCard_lead\n    }\n  }\n"): (typeof documents)["\n  mutation RouteLead($id: ID!, $queueId: ID) {\n    routeLead(id: $id, queueId: $queueId) {\n      id\n      version\n      ...StatusCard_lead\n      ...OwnershipCard_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RouteQueues {\n    queues {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query RouteQueues {\n    queues {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkUpdateLeads($ids: [ID!]!, $action: BulkLeadActionInput!) {\n    bulkUpdateLeads(ids: $ids, action: $action) {\n      succeeded {\n        id\n        ...LeadTable_lead\n      }\n      failed {\n        id\n        code\n        reason\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkUpdateLeads($ids: [ID!]!, $action: BulkLeadActionInput!) {\n    bulkUpdateLeads(ids: $ids, action: $action) {\n      succeeded {\n        id\n        ...LeadTable_lead\n      }\n      failed {\n        id\n        code\n        reason\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkQueues {\n    queues {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query BulkQueues {\n    queues {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadFilterOptions {\n    pipelines {\n      id\n      stages {\n        key\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeadFilterOptions {\n    pipelines {\n      id\n      stages {\n        key\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n"): (typeof documents)["\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadList($first: Int!, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {\n    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          requestId\n          name\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeadList($first: Int!, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {\n    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          requestId\n          name\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevMailbox {\n    devMailbox {\n      id\n      from\n      to\n      subject\n      text\n      replyTo\n      receivedAt\n    }\n  }\n"): (typeof documents)["\n  query DevMailbox {\n    devMailbox {\n      id\n      from\n      to\n      subject\n      text\n      replyTo\n      receivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyInDevMailbox($id: ID!, $body: String!) {\n    replyInDevMailbox(id: $id, body: $body)\n  }\n"): (typeof documents)["\n  mutation ReplyInDevMailbox($id: ID!, $body: String!) {\n    replyInDevMailbox(id: $id, body: $body)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TenantSettings_fields on TenantSettings {\n    name\n    timeZone\n    defaultCountry\n    claimWindowMinutes\n    slaFirstResponseMinutes\n    slaAtRiskPercent\n    invitationTtlDays\n    intakeDuplicatePolicy\n    mailFromName\n    mailReplyTo\n  }\n"): (typeof documents)["\n  fragment TenantSettings_fields on TenantSettings {\n    name\n    timeZone\n    defaultCountry\n    claimWindowMinutes\n    slaFirstResponseMinutes\n    slaAtRiskPercent\n    invitationTtlDays\n    intakeDuplicatePolicy\n    mailFromName\n    mailReplyTo\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantSettings {\n    tenantSettings {\n      ...TenantSettings_fields\n    }\n  }\n"): (typeof documents)["\n  query TenantSettings {\n    tenantSettings {\n      ...TenantSettings_fields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...TenantSettings_fields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...TenantSettings_fields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SlaBadge_lead on Lead {\n    id\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n"): (typeof documents)["\n  fragment SlaBadge_lead on Lead {\n    id\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignableUsers {\n    assignableUsers {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query AssignableUsers {\n    assignableUsers {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveEvent_event on LeadEvent {\n    type\n    sequence\n    fromStatus\n    toStatus\n    at\n    actor {\n      id\n    }\n    lead {\n      id\n      status\n      version\n      readOnly\n      ...BoardCard_lead\n      ...InboxRow_lead\n    }\n  }\n"): (typeof documents)["\n  fragment LiveEvent_event on LeadEvent {\n    type\n    sequence\n    fromStatus\n    toStatus\n    at\n    actor {\n      id\n    }\n    lead {\n      id\n      status\n      version\n      readOnly\n      ...BoardCard_lead\n      ...InboxRow_lead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatchUp($sequence: String!, $first: Int!) {\n    leadEventsSince(sequence: $sequence, first: $first) {\n      ...LiveEvent_event\n    }\n  }\n"): (typeof documents)["\n  query CatchUp($sequence: String!, $first: Int!) {\n    leadEventsSince(sequence: $sequence, first: $first) {\n      ...LiveEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SlaTicks {\n    slaTimer {\n      leadId\n      at\n      sla {\n        state\n        firstResponseDueAt\n        atRiskAt\n        firstResponseAt\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SlaTicks {\n    slaTimer {\n      leadId\n      at\n      sla {\n        state\n        firstResponseDueAt\n        atRiskAt\n        firstResponseAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadSla_lead on Lead {\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n"): (typeof documents)["\n  fragment LeadSla_lead on Lead {\n    sla {\n      state\n      firstResponseDueAt\n      atRiskAt\n      firstResponseAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;