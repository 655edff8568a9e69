import { z } from 'zod'

/**
 * How a browser tab gets into the browser host: with the per-run token from the printed link, or
 * with a one-time launch code exchanged once for that token (the link the host opens itself).
 */
export const HOST_RUN_HEADER = 'X-Copydesk-Run'
export const LAUNCH_PATH = '/session/launch'
export const CHECK_PATH = '/session/check'

export const LaunchInput = z.strictObject({ code: z.string().min(1).max(200) })
export type LaunchInput = z.infer<typeof LaunchInput>

/** The session a launch code or a token opens: the token for later calls and the host's run. */
export const HostSessionInfo = z.object({ token: z.string().min(1), runId: z.string().min(1) })
export type HostSessionInfo = z.infer<typeof HostSessionInfo>

export const HostCheck = z.object({ runId: z.string().min(1) })
export type HostCheck = z.infer<typeof HostCheck>
