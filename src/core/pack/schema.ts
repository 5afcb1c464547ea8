/**
 * A tiny schema library: each schema checks an unknown value, reports every problem with its JSON
 * path, and carries the TypeScript type it accepts, so the pack types are derived from the validator
 * (declared once, never out of step). Hand-written because the core ships in a content script and
 * must stay small and dependency-free.
 */

/**
 * One validation problem: where (a JSON path such as `$.entities[3].facts[0].source`) and what:
 * `message` in English (the command line prints it), and `code` with `args` so a UI can word it in
 * its own language (the extension's messages are `packProblem_<code>`, with `args` as $1, $2...).
 */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly code: ProblemCode;
  readonly args: readonly string[];
}

/** What a problem is, independent of its wording. */
export type ProblemCode =
  | 'expectedString' | 'expectedBoolean' | 'expectedIndex' | 'expectedArray' | 'expectedObject' | 'expectedOneOf'
  | 'required' | 'unknownKey' | 'kebabId' | 'semver' | 'isoDate' | 'httpUrl' | 'languageTag' | 'empty' | 'emptyAlias' | 'tooLong'
  | 'tooLarge' | 'notJson' | 'tooManyEntities' | 'duplicateId' | 'unknownRelated' | 'sourceOutOfRange' | 'sharedAlias'
  | 'newerFormat' | 'periodOrder';

/** What a refinement or check found wrong, before it is placed at a path. */
export interface ProblemText {
  readonly message: string;
  readonly code: ProblemCode;
  readonly args: readonly string[];
}

export function problemText(code: ProblemCode, args: readonly (string | number)[], message: string): ProblemText {
  return { message, code, args: args.map(String) };
}

/** The JavaScript type of a value, as a problem's argument ("number", "null", "array"...). */
export function typeToken(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** A schema for values of type `T`. */
export interface Schema<T> {
  /** Checks `value`, pushing every problem found; true when the value is a valid `T`. */
  check(value: unknown, path: string, problems: Problem[]): value is T;
  /** Marks an object property as optional; only set by {@link optional}. */
  readonly optional?: boolean;
  /** Phantom field carrying the type; never set at run time. */
  readonly __type?: T;
}

/** The type a schema accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { readonly optional: true } ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The object type of a shape: optional schemas become optional properties. */
export type InferShape<S extends Shape> = Simplify<
  { readonly [K in RequiredKeys<S>]: Infer<S[K]> } & { readonly [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The JSON path of a property of the value at `path`. */
export function keyPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Describes a value's JSON type for messages ("expected a string, got null"). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'nothing' : `a ${t}`;
}

/** A refinement: returns a problem message, or undefined when the value is fine. */
export type Refinement<T> = (value: T) => ProblemText | undefined;

function primitive<T>(name: string, code: ProblemCode, is: (v: unknown) => v is T, refine: readonly Refinement<T>[]): Schema<T> {
  return {
    check(value, path, problems): value is T {
      if (!is(value)) {
        problems.push({ path, ...problemText(code, [typeToken(value)], `expected ${name}, got ${describe(value)}`) });
        return false;
      }
      let ok = true;
      for (const r of refine) {
        const found = r(value);
        if (found !== undefined) {
          problems.push({ path, ...found });
          ok = false;
        }
      }
      return ok;
    },
  };
}

/** A string, with optional refinements (format checks). */
export function string(...refine: Refinement<string>[]): Schema<string> {
  return primitive('a string', 'expectedString', (v): v is string => typeof v === 'string', refine);
}

/** A boolean. */
export function boolean(): Schema<boolean> {
  return primitive('a boolean', 'expectedBoolean', (v): v is boolean => typeof v === 'boolean', []);
}

/** A non-negative integer. */
export function index(): Schema<number> {
  return primitive('a non-negative integer', 'expectedIndex', (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0, []);
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const set = new Set<string>(values);
  return {
    check(value, path, problems): value is T[number] {
      if (typeof value === 'string' && set.has(value)) return true;
      const allowed = values.map((v) => JSON.stringify(v)).join(', ');
      const got = typeof value === 'string' ? JSON.stringify(value) : describe(value);
      problems.push({ path, ...problemText('expectedOneOf', [allowed, typeof value === 'string' ? got : typeToken(value)], `expected one of ${allowed}, got ${got}`) });
      return false;
    },
  };
}

/** An array whose every item matches `item`; every bad item is reported. */
export function array<T>(item: Schema<T>): Schema<readonly T[]> {
  return {
    check(value, path, problems): value is readonly T[] {
      if (!Array.isArray(value)) {
        problems.push({ path, ...problemText('expectedArray', [typeToken(value)], `expected an array, got ${describe(value)}`) });
        return false;
      }
      let ok = true;
      for (let i = 0; i < value.length; i++) {
        if (!item.check(value[i], `${path}[${i}]`, problems)) ok = false;
      }
      return ok;
    },
  };
}

/** Marks a property schema as optional (absent is fine; present must match). */
export function optional<T>(schema: Schema<T>): Schema<T> & { readonly optional: true } {
  return { check: schema.check.bind(schema), optional: true };
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly these properties: missing required ones and unknown extra keys are errors. */
export function object<S extends Shape>(shape: S): Schema<InferShape<S>> {
  const keys = Object.keys(shape);
  return {
    check(value, path, problems): value is InferShape<S> {
      if (!isRecord(value)) {
        problems.push({ path, ...problemText('expectedObject', [typeToken(value)], `expected an object, got ${describe(value)}`) });
        return false;
      }
      let ok = true;
      for (const key of keys) {
        const schema = shape[key];
        if (schema === undefined) continue;
        const p = keyPath(path, key);
        if (!Object.hasOwn(value, key)) {
          if (!schema.optional) {
            problems.push({ path: p, ...problemText('required', [], 'is required') });
            ok = false;
          }
          continue;
        }
        if (!schema.check(value[key], p, problems)) ok = false;
      }
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) {
          problems.push({ path: keyPath(path, key), ...problemText('unknownKey', [key], `unknown key ${JSON.stringify(key)}`) });
          ok = false;
        }
      }
      return ok;
    },
  };
}
