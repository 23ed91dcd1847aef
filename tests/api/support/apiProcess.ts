import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')

/** A real API process (server/server.ts, as `npm run server` starts it) and how to reach and stop it. */
export interface ApiProcess {
  /** http://127.0.0.1:<port> */
  origin: string
  /** What it printed (stdout and stderr), for a failure's message. */
  output(): string
  stop(): Promise<void>
  /** kill -9: no chance to finish anything (the durability test). */
  kill(): Promise<void>
}

/** Starts one on a free port with `env` (over a minimal PATH/HOME) and waits until it listens. */
export async function startApiProcess(name: string, env: Record<string, string>): Promise<ApiProcess> {
  // node --import tsx: one process (the tsx CLI would fork a second one that a kill could leave behind).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const origin = await new Promise<string>((resolve, reject) => {
    // A guard against a hang (never listening), not a measurement: the child is not left behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name} did not listen:\n${output}`))
    }, 45_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const listening = /App:\s+http:\/\/localhost:(\d+)\//.exec(output)
      if (!listening) return
      clearTimeout(timer)
      resolve(`http://127.0.0.1:${listening[1]}`)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited (${code}) before listening:\n${output}`))
    })
  })
  return {
    origin,
    output: () => output,
    stop: () => stopProcess(child, exited),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** SIGTERM (the server finishes what is in flight), SIGKILL if it has not gone within 5 s. */
async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}
