import { describe, expect, it } from 'vitest'
import { addressKey } from './addressKey'

describe('addressKey', () => {
  it('counts IPv4 by address, an IPv4-mapped IPv6 as its IPv4, and IPv6 by its /64', () => {
    expect(addressKey('192.0.2.10')).toBe('192.0.2.10')
    expect(addressKey('::ffff:192.0.2.10')).toBe('192.0.2.10')
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('unix-socket')).toBe('unix-socket')
  })
})
