import { isIPv4, isIPv6 } from 'node:net'

/**
 * What the per-address sign-in limit counts by. IPv4: the address. IPv6: its /64, since one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address for every guess.
 * An IPv4 address written as IPv6 (`::ffff:192.0.2.1`, as Node reports it on a dual-stack socket)
 * counts as the IPv4 address. Anything else (a proxy's label) is used as it is.
 */
export function addressKey(remoteAddress: string): string {
  const address = remoteAddress.trim().toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1]
  const withoutZone = address.split('%')[0] ?? address
  if (!isIPv6(withoutZone)) return address.slice(0, 100)
  const [head = '', tail = ''] = withoutZone.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === '' ? [] : tail.split(':')
  // An embedded IPv4 tail (`64:ff9b::192.0.2.1`) lies in the interface half: it does not matter here.
  const groups = withoutZone.includes('::')
    ? [
        ...headGroups,
        ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
        ...tailGroups,
      ]
    : headGroups
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`
}
