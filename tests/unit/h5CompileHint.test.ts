import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import webpack from 'webpack'
import { COMPILE_HINT, CompileHintPlugin } from '../../config/h5Delivery'

/** A miniature app: an entry that imports the two landing pages and another page, as Taro's router does. */
function writeApp(dir: string): void {
  const page = (name: string) => {
    fs.mkdirSync(path.join(dir, 'pages', name), { recursive: true })
    fs.writeFileSync(
      path.join(dir, 'pages', name, 'index.js'),
      `export default function ${name}() { return '${name}' }`,
    )
  }
  for (const name of ['login', 'home', 'other']) page(name)
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    ['login', 'home', 'other']
      .map((name) => `window.${name} = () => import('./pages/${name}/index')`)
      .join('\n'),
  )
}

function build(dir: string): Promise<string[]> {
  const compiler = webpack({
    mode: 'production',
    context: dir,
    entry: { app: './app.js' },
    output: {
      path: path.join(dir, 'dist'),
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    plugins: [new CompileHintPlugin()],
  })
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error || !stats || stats.hasErrors()) return reject(error ?? new Error(stats?.toString()))
      compiler.close(() => resolve(fs.readdirSync(path.join(dir, 'dist', 'js'))))
    }),
  )
}

describe('H5 build: V8 compile hint', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-hint-'))
    writeApp(dir)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('starts the entry and the landing pages’ chunks with it, not the other pages’', async () => {
    const files = await build(dir)
    const read = (file: string) => fs.readFileSync(path.join(dir, 'dist', 'js', file), 'utf8')
    const hinted = files.filter((file) => read(file).startsWith(COMPILE_HINT))
    const byPage = (name: string) => files.filter((file) => read(file).includes(`"${name}"`))
    expect(hinted).toEqual(expect.arrayContaining([files.find((f) => f.startsWith('app.'))!]))
    expect(hinted).toEqual(expect.arrayContaining([...byPage('login'), ...byPage('home')]))
    expect(byPage('other')).toHaveLength(1)
    expect(hinted).not.toContain(byPage('other')[0])
  })
})
