import { runCliProcess } from './runCliProcess'

void runCliProcess(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
