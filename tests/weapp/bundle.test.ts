/**
 * The bundle as WeChat loads it: every .js file must parse as ES2017 (project.config.json has es6:false
 * and package.json's browserslist reaches old phones, so WeChat does not transpile it for them), and no
 * `process.env.*` may survive the build (WeChat has no `process`: such a read throws when it runs).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'acorn'
import { DIST } from './support/server'

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : []
  })
}

describe('the weapp bundle', () => {
  const files = jsFiles(DIST)

  it('was built', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it('parses as ES2017 in every file', () => {
    const failures: string[] = []
    for (const file of files) {
      try {
        parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017, sourceType: 'script' })
      } catch (error) {
        failures.push(`${path.relative(DIST, file)}: ${(error as Error).message}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('reads no process.env at run time', () => {
    const reads = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z_]+)/g)].map(
        (m) => `${path.relative(DIST, file)}: ${m[0]}`,
      ),
    )
    expect(reads).toEqual([])
  })
})
