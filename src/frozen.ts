/** A value and everything in it, read-only for TypeScript. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * Freezes a constant the package exports, and everything in it: the defaults are shared by every construct of the
 * process, so `NETWORK_DEFAULTS.privateEksSubnetCidrs.push(...)` in one app would change every Network after it.
 * `readonly` stops that at compile time only; a frozen object refuses it at run time too (TypeError in strict code).
 */
export function frozen<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const key of Reflect.ownKeys(value)) frozen((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}
