import { METHODS, type MethodName } from './methods'

type AnyCall = (input: unknown) => Promise<unknown>

/**
 * Builds an object with one function per contract method. Every transport (preload, HTTP client,
 * renderer wrapper) is generic over the method, so the per-method types are restored here, once:
 * the contract's schemas are what make each call's input and output true at run time.
 */
export function fromMethods<T extends Record<MethodName, (input: never) => Promise<unknown>>>(
  make: (method: MethodName) => AnyCall,
): T {
  const result: Partial<Record<MethodName, AnyCall>> = {}
  for (const method of METHODS) result[method] = make(method)
  return result as unknown as T
}
