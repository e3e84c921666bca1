/** Every command, callback and action id the bot uses; the manifest test checks them. */
export const COMMANDS = {
  complaint: '/complaint',
  d2: '/d2',
  sportello: '/sportello',
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
} as const;

/** Select menus whose options the bot serves (searchable client list). */
export const OPTIONS = {
  client: 'client_select',
} as const;
