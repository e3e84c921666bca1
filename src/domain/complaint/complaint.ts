import { z } from 'zod';
import { AppliedIntakesSchema } from '../shared/intake.js';
import { ChatDestinationSchema, ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';
import { SlaClockSchema } from '../sla/sla-clock.js';
import { RoleSchema } from '../roles/role.js';

export const PRIORITIES = ['P1', 'P2', 'P3'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

export const COMPLAINT_STATUSES = [
  'new',
  'awaiting_approval',
  'acknowledged',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
  'reopened',
  'rejected',
  'withdrawn',
] as const;
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatusSchema>;

/** Where the problem came from (seed 003: "origine del problema"). */
export const ORIGINS = [
  'design',
  'production',
  'supplier',
  'delivery',
  'service',
  'customer_use',
  'documentation',
  'unknown',
] as const;
export const OriginSchema = z.enum(ORIGINS);

export const CONTACT_CHANNELS = [
  'phone',
  'email',
  'visit',
  'web',
  'chat',
  'letter',
  'other',
] as const;
export const ContactChannelSchema = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

export const WarrantySchema = z.enum(['in_warranty', 'out_of_warranty', 'unknown']);

const text = (max: number) => z.string().trim().min(1).max(max);

export const ApprovalSchema = z.object({
  kind: z.enum(['cost', 'feature_change', 'outside_policy', 'other']),
  role: RoleSchema,
  /** Readable as stored (English for the rules' own reasons); chats show `say` when present. */
  reason: text(500),
  /** A rule's reason as a catalogue message, said in each reader's language. */
  say: z
    .object({
      key: z.string(),
      // Mongoose drops an empty object on save: no params read back as none.
      params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    })
    .optional(),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedAt: z.date(),
  decidedBy: ChatUserSchema.optional(),
  decidedAt: z.date().optional(),
  note: z.string().max(2000).optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** Every field seed 003 asks for as "minimum data", plus what the flow of seed 001 needs. */
export const ComplaintSchema = z.object({
  id: RecordIdSchema,
  number: z.string().regex(/^R-\d{4}-\d{4,}$/),
  clientId: RecordIdSchema,
  product: text(200),
  description: text(4000),
  problemCode: text(40),
  category: text(80),
  department: text(80),
  priority: PrioritySchema,
  status: ComplaintStatusSchema,
  channel: ContactChannelSchema,
  remedyRequested: z.string().max(2000).optional(),
  estimatedCostEur: z.number().nonnegative().optional(),
  costEur: z.number().nonnegative().optional(),
  changesProductFunctionality: z.boolean(),
  outsidePolicy: z.boolean(),
  warranty: WarrantySchema,
  origin: OriginSchema.optional(),
  rootCause: z.string().max(4000).optional(),
  solution: z.string().max(4000).optional(),
  /** 1 (any check would catch it) … 10 (undetectable): the "reverse FMEA" tip of seed 003. */
  detectability: z.number().int().min(1).max(10).optional(),
  goodwill: z.object({ cause: text(500) }).optional(),
  repeatOf: z.object({ id: RecordIdSchema, number: z.string() }).optional(),
  reportedBy: z.string().max(200).optional(),
  sourceMessageUrl: z.string().url().max(1000).optional(),
  /** Identifies the chat submission (e.g. the Slack view id): a retried submission finds its case. */
  intakeKey: z.string().max(200).optional(),
  /** The case's id in the register it was imported from, kept for audits and re-imports. */
  sourceReference: z.string().max(200).optional(),
  /** The chat forms that changed it since (notes, resolve…): delivered again, they change nothing. */
  appliedIntakes: AppliedIntakesSchema,
  registeredBy: ChatUserSchema,
  assignee: ChatUserSchema.optional(),
  approvals: z.array(ApprovalSchema),
  serviceOrderId: RecordIdSchema.optional(),
  slaClocks: z.array(SlaClockSchema),
  satisfaction: z
    .object({
      rating: z.number().int().min(1).max(5),
      comment: z.string().max(2000).optional(),
      at: z.date(),
    })
    .optional(),
  /** When each phase was entered: timestamps of registration and of each phase (seed 003). */
  phaseTimes: z.partialRecord(ComplaintStatusSchema, z.date()),
  receivedAt: z.date(),
  /** Bumped by every save, so two people changing the same case cannot overwrite each other. */
  revision: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** The announcement card, so state changes update it in place. */
  announcement: ChatDestinationSchema.extend({ messageId: z.string().max(100) }).optional(),
});
export type Complaint = z.infer<typeof ComplaintSchema>;

/** What a caller supplies to register a case: the store adds id, number and timestamps. */
export const NewComplaintSchema = ComplaintSchema.omit({
  id: true,
  number: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
});
export type NewComplaint = z.infer<typeof NewComplaintSchema>;
