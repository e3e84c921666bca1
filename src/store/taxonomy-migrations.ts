import type { Models } from './models/index.js';

/**
 * Problem codes kept in `problem_codes` before the taxonomy existed (the importer's "imported"
 * ones among them) join the taxonomy once, with their status; the old documents go after.
 */
export async function moveProblemCodes(models: Models) {
  const old = await models.problemCode.find({}).lean();
  if (!old.length) return;
  await models.taxonomy.bulkWrite(
    old.map((doc) => {
      const code = String(doc._id).toUpperCase();
      return {
        updateOne: {
          filter: { _id: `problemCode:${code}` },
          update: {
            $setOnInsert: {
              kind: 'problemCode',
              code,
              label: String(doc.label || code).slice(0, 75),
              status: doc.source === 'imported' ? 'imported' : 'active',
            },
          },
          upsert: true,
        },
      };
    }),
    { ordered: false },
  );
  await models.problemCode.deleteMany({ _id: { $in: old.map((d) => d._id) } });
}
