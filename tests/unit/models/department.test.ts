import fs from 'node:fs'
import path from 'node:path'
import { PROGRAMME_DEPARTMENTS } from '../../../src/models/department'

const DOC = fs.readFileSync(
  path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'),
  'utf8',
)

describe('programme departments', () => {
  it.each(PROGRAMME_DEPARTMENTS.map((d) => d.name))(
    '%s stands verbatim in the programme document',
    (name) => {
      expect(DOC).toContain(name)
    },
  )
})
