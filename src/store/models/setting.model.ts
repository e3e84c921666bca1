import { Schema, type Connection } from 'mongoose';
import { chatUserSchema } from './shared.schema.js';

/**
 * Settings, one document per key (`company:…`, `user:<platform>:<id>:…`). The value is what the
 * domain validated; it is validated again when read (settings.ts).
 */
const settingSchema = new Schema(
  {
    _id: String,
    value: { type: Schema.Types.Mixed, required: true },
    updatedBy: { type: chatUserSchema, required: true },
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false },
);

export const defineSettingModel = (connection: Connection) =>
  connection.model('Setting', settingSchema, 'settings');
