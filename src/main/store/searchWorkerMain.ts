import { parentPort, workerData } from 'node:worker_threads'
import { readClaimedFiles } from './readClaimedFiles'
import { SearchIndex } from './SearchIndex'
import { SearchJob, type SearchPart } from './SearchWorker'

/** The search worker (built as its own entry, out/main/searchWorker.js): see startSearchWorker. */
const job = SearchJob.parse(workerData)
const index = new SearchIndex()
const unread = readClaimedFiles(job.files, job.claims, job.batch, index)
const snapshot = index.snapshot()
const part: SearchPart = { snapshot, unread }
const { buffer } = snapshot.postings
// Moved to the main thread rather than copied (a fresh array's buffer is never a shared one).
parentPort?.postMessage(part, buffer instanceof ArrayBuffer ? [buffer] : [])
