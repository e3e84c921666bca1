/** Every command, callback and action id the bot uses; the manifest test checks them. */
export const COMMANDS = {
  complaint: '/complaint',
  d2: '/d2',
  sportello: '/sportello',
  communication: '/communication',
  client: '/client',
} as const;

export const SHORTCUTS = {
  registerComplaint: 'register_as_complaint',
} as const;

export const VIEWS = {
  complaint: 'complaint_modal',
  d2: 'd2_modal',
  caseNote: 'case_note_modal',
  caseResolve: 'case_resolve_modal',
  caseClose: 'case_close_modal',
  caseEscalate: 'case_escalate_modal',
  caseReason: 'case_reason_modal',
  approvalRefuse: 'approval_refuse_modal',
  d2Decline: 'd2_decline_modal',
  d2Complete: 'd2_complete_modal',
  careCall: 'care_call_modal',
  communication: 'communication_modal',
  communicationSent: 'communication_sent_modal',
  client: 'client_modal',
  routingRule: 'routing_rule_modal',
  clientConfirm: 'client_confirm_modal',
  roles: 'roles_modal',
  caseReassign: 'case_reassign_modal',
  caseReroute: 'case_reroute_modal',
  casePriority: 'case_priority_modal',
  caseClient: 'case_client_modal',
} as const;

/** Buttons on case cards and in their threads. */
export const ACTIONS = {
  acknowledge: 'case_acknowledge',
  takeInCharge: 'case_take_in_charge',
  addNote: 'case_add_note',
  waitCustomer: 'case_wait_customer',
  resume: 'case_resume',
  resolve: 'case_resolve',
  close: 'case_close',
  reopen: 'case_reopen',
  escalate: 'case_escalate',
  approve: 'approval_approve',
  refuse: 'approval_refuse',
  d2Sign: 'd2_sign',
  d2Decline: 'd2_decline',
  d2Start: 'd2_start',
  d2Complete: 'd2_complete',
  logCareCall: 'care_log_call',
  careToComplaint: 'care_to_complaint',
  careToD2: 'care_to_d2',
  protocolCommunication: 'communication_protocol',
  markCommunicationSent: 'communication_mark_sent',
  routingEdit: 'routing_edit',
  routingDelete: 'routing_delete',
  /** App Home settings: the roles form, the routing form for a new rule. */
  homeRoles: 'home_roles',
  homeRoutingAdd: 'home_routing_add',
  /** App Home: an imported problem code approved or retired. */
  homeTaxonomyApprove: 'home_taxonomy_approve',
  homeTaxonomyRetire: 'home_taxonomy_retire',
  /** The case card's overflow menu "Amministra": reassign, move, priority, client. */
  administer: 'case_administer',
} as const;

/** Select menus whose options the bot serves (searchable client list). */
export const OPTIONS = {
  client: 'client_select',
  /** A department, category or problem code from a long taxonomy (its block says which). */
  taxonomy: 'taxonomy_select',
} as const;

/** Teams: Adaptive Card Action.Execute verbs and the bot's text commands. */
export const TEAMS_VERBS = {
  complaintSubmit: 'complaint.submit',
  d2Submit: 'd2.submit',
  refresh: 'case.refresh',
  acknowledge: 'case.acknowledge',
  takeInCharge: 'case.take_in_charge',
  addNote: 'case.add_note',
  waitCustomer: 'case.wait_customer',
  resume: 'case.resume',
  resolve: 'case.resolve',
  close: 'case.close',
  reopen: 'case.reopen',
  escalate: 'case.escalate',
  approve: 'approval.approve',
  refuse: 'approval.refuse',
  d2Sign: 'd2.sign',
  d2Decline: 'd2.decline',
  d2Start: 'd2.start',
  d2Complete: 'd2.complete',
  administer: 'case.administer',
  reassign: 'case.reassign',
  reroute: 'case.reroute',
  reprioritise: 'case.reprioritise',
  correctClient: 'case.correct_client',
} as const;

export const TEAMS_COMMANDS = {
  complaint: ['complaint', 'reclamo'],
  d2: ['d2'],
  registerComplaint: 'registerComplaint',
} as const;
