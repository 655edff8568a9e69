/**
 * Modes of what the store creates: folders and files only their owner can open, so no other user
 * of the computer reads the stories, the profile or the secrets (the process umask may narrow them
 * further, never widen them). Windows ignores them; its user folders are private already.
 */
export const OWNER_ONLY_DIR = 0o700
export const OWNER_ONLY_FILE = 0o600
