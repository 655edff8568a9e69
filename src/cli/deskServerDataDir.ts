import { join, resolve } from 'node:path'

/**
 * The desk server's data folder (its embedded database, its lock, the CMS secrets' key): --data-dir
 * when given, else a `desk-server` folder inside the workstation's data folder, so a desk server and
 * a workstation on one machine never share a folder. `desk serve` and `desk admin` both use this,
 * so the first admin is made where the server looks.
 */
export function deskServerDataDir(given: string | undefined, dataDir: () => string): string {
  return given ? resolve(given) : join(dataDir(), 'desk-server')
}
