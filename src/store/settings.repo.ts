import type { SettingsStore } from '../domain/settings/settings.js';
import type { Models } from './models/index.js';

/** Settings by key: one upsert per change, so the last one set is the one read. */
export function settingsRepository(models: Models): SettingsStore {
  const { setting } = models;
  return {
    async read(key) {
      const doc = await setting.findById(String(key)).lean();
      return doc?.value ?? undefined;
    },
    async write(key, value, by, at) {
      await setting.updateOne(
        { _id: String(key) },
        { $set: { value, updatedBy: by, updatedAt: at } },
        { upsert: true },
      );
    },
  };
}
