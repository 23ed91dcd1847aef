/**
 * Every method name of WeChat's `wx` object, read from `miniprogram-api-typings` (the `Wx` interface).
 * Taro builds `Taro.*` from `Object.keys(wx)`, so a fake `wx` with fewer names changes what the app sees.
 */
import fs from 'node:fs'
import ts from 'typescript'

let cached: string[] | null = null

export function wxApiNames(): string[] {
  if (cached) return cached
  const file = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts')
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (
          (ts.isMethodSignature(member) || ts.isPropertySignature(member)) &&
          member.name &&
          ts.isIdentifier(member.name)
        )
          names.add(member.name.text)
      }
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (names.size < 300) throw new Error(`miniprogram-api-typings: only ${names.size} wx names found`)
  cached = [...names].sort()
  return cached
}
