/** A LISTEN channel: a plain lower-case identifier, so both engines spell it the same unquoted. */
export function channelName(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel))
    throw new Error(`Channel name ${JSON.stringify(channel)} is not a lower-case SQL identifier`)
  return channel
}
