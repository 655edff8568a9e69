import packageJson from '../../package.json'

/** The version shown in the app and written into exports. */
export const APP_VERSION: string = packageJson.version
