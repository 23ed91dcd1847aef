// `npm start`: build the H5 app if needed, then serve it and the API on one port with demo data (SQLite).
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { h5BuildIsStale } from './h5.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules/.bin', name)

if (h5BuildIsStale(root)) {
  console.log('Building the H5 app (about 30 s the first time)…')
  const build = spawnSync(bin('taro'), ['build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const server = spawn(bin('tsx'), ['server/server.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { APP_MODE: 'demo', PORT: '3000', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
