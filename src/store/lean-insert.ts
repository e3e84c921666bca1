import { Types, type Model, type Schema } from 'mongoose';

// The zod read boundary types every document, so the model's own typing adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
export type StoredDocument = Record<string, unknown>;

/** Fields a schema computes on every new document from its other fields. */
export type PrepareInsert = (doc: StoredDocument) => void;
const preparations = new WeakMap<Schema, PrepareInsert>();

/**
 * Declares fields computed on every new document: run by mongoose before validating a document,
 * and by `insertLean`, which builds no document and so runs no middleware.
 */
export function computedOnInsert(schema: Schema, prepare: PrepareInsert): void {
  preparations.set(schema, prepare);
  schema.pre('validate', function () {
    const before = this.toObject() as StoredDocument;
    const after = { ...before };
    prepare(after);
    for (const [path, value] of Object.entries(after))
      if (value !== before[path]) this.set(path, value);
  });
}

/**
 * Stores a record zod has already validated as mongoose would (the schema's casts and defaults,
 * `_id`, timestamps, version key, minimize) but with the driver, without building a mongoose
 * document: that cost about 1.1–1.3 ms of CPU per complaint, more than the insert itself
 * (bench/RESULTS.md, intake). test/store/lean-insert.spec.ts holds each model to what mongoose
 * stores. Returns the document as stored.
 */
export async function insertLean(model: AnyModel, data: object): Promise<StoredDocument> {
  const stored = storedFormOf(model, data);
  await model.collection.insertOne(stored);
  return stored;
}

/** Records per driver insertMany of `insertManyLean`. */
const CHUNK = 500;

/**
 * Many validated records, each as `insertLean` stores it, with the driver's `insertMany` in
 * chunks, in order: a failure (a duplicate key) leaves exactly the records before it stored and
 * nothing after it. A bulk import's way in (number.repo.ts): mongoose's own insertMany builds a
 * document per record. The next chunk is cast while the database stores the previous one (the
 * casts are about a quarter of an import's CPU, bench/RESULTS.md). Returns the documents as stored.
 */
export async function insertManyLean(
  model: AnyModel,
  data: readonly object[],
): Promise<StoredDocument[]> {
  const stored: StoredDocument[] = [];
  let inFlight: Promise<unknown> | undefined;
  for (let from = 0; from < data.length; from += CHUNK) {
    const chunk = data.slice(from, from + CHUNK).map((d) => storedFormOf(model, d));
    await inFlight;
    stored.push(...chunk);
    const sending = model.collection.insertMany(chunk, { ordered: true });
    // Its failure is thrown where it is awaited; meanwhile it must not count as unhandled.
    sending.catch(() => undefined);
    inFlight = sending;
    // Let the driver send it before the next chunk's casts take the thread.
    await new Promise((sent) => setImmediate(sent));
  }
  await inFlight;
  return stored;
}

/** The document mongoose would store for `data`, built without a mongoose document. */
function storedFormOf(model: AnyModel, data: object): StoredDocument {
  const doc = model.castObject(data) as StoredDocument;
  for (const [path, value] of defaultsOf(model)) {
    if (doc[path] === undefined) doc[path] = typeof value === 'function' ? value.call(doc) : value;
  }
  doc._id ??= new Types.ObjectId();
  const { timestamps, versionKey, minimize } = model.schema.options as {
    timestamps?: boolean | { createdAt?: boolean | string; updatedAt?: boolean | string };
    versionKey?: string | false;
    minimize?: boolean;
  };
  stamp(doc, timestamps);
  if (versionKey !== false) doc[versionKey ?? '__v'] = 0;
  preparations.get(model.schema)?.(doc);
  return minimize === false ? doc : (minimized(doc) ?? {});
}

type Default = [path: string, value: unknown];
const defaults = new WeakMap<AnyModel, Default[]>();

/**
 * The schema's defaults, top-level paths only: `applyDefaults` also adds empty objects inside
 * subdocuments, which a mongoose document does not store. A default deeper down is refused.
 */
function defaultsOf(model: AnyModel): Default[] {
  const known = defaults.get(model);
  if (known) return known;
  const found: Default[] = [];
  const defaultOf = (type: unknown) => (type as { defaultValue?: unknown }).defaultValue;
  model.schema.eachPath((path, type) => {
    const inner = (type as { schema?: Schema }).schema;
    inner?.eachPath((innerPath, innerType) => {
      if (innerPath !== '_id' && defaultOf(innerType) !== undefined)
        throw new Error(`insertLean: ${model.modelName}.${path}.${innerPath} has a default`);
    });
    const value = defaultOf(type);
    if (value === undefined) return;
    if (path.includes('.'))
      throw new Error(`insertLean: ${model.modelName}.${path} is a nested default`);
    found.push([path, value]);
  });
  defaults.set(model, found);
  return found;
}

function stamp(doc: StoredDocument, timestamps: Parameters<typeof timestampPaths>[0]) {
  const now = new Date();
  for (const path of timestampPaths(timestamps)) doc[path] ??= now;
}

function timestampPaths(
  timestamps?: boolean | { createdAt?: boolean | string; updatedAt?: boolean | string },
): string[] {
  if (!timestamps) return [];
  if (timestamps === true) return ['createdAt', 'updatedAt'];
  const path = (option: boolean | string | undefined, name: string) =>
    option === false ? [] : [typeof option === 'string' ? option : name];
  return [...path(timestamps.createdAt, 'createdAt'), ...path(timestamps.updatedAt, 'updatedAt')];
}

/** mongoose's minimize: undefined values and empty plain objects are not stored (a copy). */
function minimized(doc: StoredDocument): StoredDocument | undefined {
  const kept: StoredDocument = {};
  for (const [key, value] of Object.entries(doc)) {
    const inner = isPlainObject(value) ? minimized(value) : value;
    if (inner !== undefined) kept[key] = inner;
  }
  return Object.keys(kept).length ? kept : undefined;
}

const isPlainObject = (value: unknown): value is StoredDocument =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
