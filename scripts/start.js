// `npm start`: the desktop app where Electron can run, otherwise the same app in the browser.
import { spawn } from 'node:child_process'
import { findElectronBinary } from './findElectronBinary.js'

const args = process.argv.slice(2)
const binary = findElectronBinary()

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  return child
}

if ('broken' in binary) {
  console.error(`Copydesk cannot start the desktop app: ${binary.broken}.`)
  process.exit(1)
} else if ('path' in binary) {
  run(binary.path, [...(binary.packaged ? [] : ['out/main/index.js']), ...args])
} else {
  console.log(`Copydesk cannot start the desktop app here: ${binary.missing}.`)
  console.log(
    'Electron downloads its binary on first use; where that cannot happen, Copydesk runs in your browser instead.',
  )
  console.log(
    'Starting browser mode (the same app, the same data folder). To install the desktop app later: npx electron --version\n',
  )
  run(process.execPath, ['out/main/webHost.js', '--open', ...args])
}
