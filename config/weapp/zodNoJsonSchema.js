// Webpack loader (mini-program build only) for zod's classic schemas module: every schema wires its JSON
// Schema processor and toJSONSchema methods when made, which keeps zod's whole JSON Schema generator
// (~24 KB minified) in the bundle. The app only parses (the server makes the OpenAPI document), so those
// calls become one that throws, and webpack drops the generator. aggregateChecks (the `.maxLength`,
// `.minValue` getters) stays. Fails the build if zod's source no longer has the calls it rewrites.
module.exports = function zodNoJsonSchema(source) {
  let rewritten = 0
  const out = source
    .replace(/\bprocessors\.(\w+Processor)\(/g, () => (rewritten++, 'noJsonSchema('))
    .replace(/\bcreate(?:Standard|To)JSONSchemaMethod\(/g, () => (rewritten++, 'noJsonSchemaMethod('))
  if (rewritten < 10)
    throw new Error(`zodNoJsonSchema: ${rewritten} JSON Schema calls found in ${this.resourcePath}`)
  return `${out}
function noJsonSchema() {
  throw new Error('zod JSON Schema is not part of the mini-program build')
}
function noJsonSchemaMethod() {
  return noJsonSchema
}
`
}
