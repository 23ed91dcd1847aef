import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFakeWechat, type FakeWechat } from '../../api/support/fakeWechat'
import { ROOT, startServer, type RunningServer } from './harness'

/** A county's server on an empty SQLite file of its own, its WeChat a fake code2Session. */
export interface EmptyCounty {
  server: RunningServer
  wechat: FakeWechat
  dataDir: string
  sqliteFile: string
  /** `npm run setup -- <args>` (scripts/setup.ts) on the county's database, with `env` besides; its output. */
  setup(args: string[], env: Record<string, string>): Promise<string>
  close(): Promise<void>
}

/** Starts the server (`env`: its mode and secrets) with no demo data: switching on starts from nothing. */
export async function startEmptyCounty(env: Record<string, string>): Promise<EmptyCounty> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-county-'))
  const sqliteFile = path.join(dataDir, 'county.db')
  const wechat = await startFakeWechat()
  const server = await startServer({
    SEED_DEMO: 'false',
    SQLITE_FILE: sqliteFile,
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    WECHAT_APPID: 'wx-e2e',
    WECHAT_SECRET: 'e2e-secret',
    WECHAT_API_BASE: wechat.baseUrl,
    ...env,
  })
  return {
    server,
    wechat,
    dataDir,
    sqliteFile,
    setup: (args, scriptEnv) =>
      new Promise((resolve, reject) => {
        const command = path.join(ROOT, 'node_modules/.bin/tsx')
        execFile(
          command,
          ['scripts/setup.ts', ...args],
          {
            cwd: ROOT,
            env: { ...process.env, SQLITE_FILE: sqliteFile, DATABASE_URL: '', ...scriptEnv },
            timeout: 120_000,
          },
          (err, out, errOut) =>
            err
              ? reject(new Error(`setup ${args.join(' ')}: ${err.message}\n${out}\n${errOut}`))
              : resolve(out),
        )
      }),
    async close() {
      await server.stop()
      await wechat.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
