import { z } from 'zod'

/** The secrets kept for the CMS targets. */
export const SecretName = z.enum(['webhookToken', 'wordpressPassword'])
export type SecretName = z.infer<typeof SecretName>

/** Which secrets are saved (never their values), and how they are protected at rest. */
export const SecretStatus = z.object({
  webhookToken: z.boolean(),
  wordpressPassword: z.boolean(),
  protection: z.enum(['os-keychain', 'file-permissions']),
})
export type SecretStatus = z.infer<typeof SecretStatus>
