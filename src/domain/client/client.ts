import { z } from 'zod';
import { ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ContactPersonSchema = z.object({
  name: text(200),
  role: z.string().max(120).optional(),
  email: z.string().email().max(254).optional(),
  phone: z.string().max(40).optional(),
});

/** Classification fields of the client file (seed 004): private persons and businesses. */
export const ClientClassificationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('private'),
    ageBand: z.string().max(20).optional(),
    location: z.string().max(120).optional(),
    profession: z.string().max(120).optional(),
  }),
  z.object({
    kind: z.literal('business'),
    industry: z.string().max(120).optional(),
    employees: z.number().int().nonnegative().optional(),
    revenueBand: z.string().max(40).optional(),
    yearsActive: z.number().int().nonnegative().optional(),
    creditReliability: z.enum(['high', 'medium', 'low', 'unknown']).optional(),
    location: z.string().max(120).optional(),
  }),
]);

export const ClientSchema = z.object({
  id: RecordIdSchema,
  /** The company's own code for the client (from the spreadsheet they arrive with). */
  code: text(40),
  name: text(200),
  classification: ClientClassificationSchema,
  owner: ChatUserSchema.optional(),
  contacts: z.array(ContactPersonSchema),
  careCadenceDays: z.number().int().positive().max(3650),
  lastCareCallAt: z.date().optional(),
  nextCareCallDue: z.date().optional(),
  loyal: z.boolean(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Client = z.infer<typeof ClientSchema>;

export const NewClientSchema = ClientSchema.omit({ id: true, createdAt: true, updatedAt: true });
export type NewClient = z.input<typeof NewClientSchema>;
