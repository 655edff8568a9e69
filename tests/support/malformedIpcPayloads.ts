/** A deterministic stream of hostile and malformed payloads. */
export function* malformedIpcPayloads(seed: number): Generator<unknown> {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const atoms: unknown[] = [
    null,
    undefined,
    0,
    -1,
    1e308,
    Number.NaN,
    '',
    'x'.repeat(100_000),
    '../../etc/passwd',
    '<script>alert(1)</script>',
    true,
    [],
    [null],
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__":{"polluted":1}}'),
    { constructor: { prototype: { polluted: 1 } } },
  ]
  const keys = [
    'id',
    'baseRevision',
    'changes',
    'fields',
    'query',
    'action',
    'note',
    'format',
    'dir',
    'target',
    'name',
    'value',
    'seq',
    'from',
    'to',
    'text',
    'role',
    'ids',
    'status',
    'content',
  ]
  const value = (depth: number): unknown => {
    const pick = next()
    if (depth > 2 || pick < 0.5) return atoms[Math.floor(next() * atoms.length)]
    if (pick < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1))
    return Object.fromEntries(
      Array.from({ length: 1 + Math.floor(next() * 4) }, () => [
        keys[Math.floor(next() * keys.length)] ?? 'x',
        value(depth + 1),
      ]),
    )
  }
  for (;;) yield value(0)
}
