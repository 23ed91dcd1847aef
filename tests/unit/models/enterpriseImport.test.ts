import { creditCodeCheckChar } from '@/models/creditCode'
import {
  checkImportRow,
  cleanCell,
  describeChanges,
  diffEnterprise,
  type TImportCells,
} from '@/models/enterpriseImport'
import { normalizeMobilePhone } from '@/models/phone'

const body = '91450100000000123'
const code = body + creditCodeCheckChar(body)
const departments = new Map([
  ['县委统战部', 1],
  ['县财政局', 2],
])
const cells = (overrides: Partial<TImportCells> = {}): TImportCells => ({
  name: '县某某有限公司',
  creditCode: code,
  ownership: '民营',
  partyOrg: '党支部',
  industry: '',
  departments: '县委统战部',
  liaisonName: '张三',
  liaisonPhone: '13800138000',
  ...overrides,
})

describe('one import row', () => {
  it('accepts a complete row: lower-case code, several departments, +86 phone, 无 for no party organisation', () => {
    const check = checkImportRow(
      cells({
        creditCode: code.toLowerCase(),
        departments: '县委统战部、县财政局;县委统战部',
        liaisonPhone: '+86 138-0013-8000',
        partyOrg: '无',
      }),
      departments,
    )
    expect(check).toEqual({
      ok: true,
      data: {
        name: '县某某有限公司',
        creditCode: code,
        ownership: 'private',
        partyOrg: 'none',
        industry: null,
        departmentIds: [1, 2],
        liaisonName: '张三',
        liaisonPhone: '13800138000',
      },
    })
  })

  it('names every problem of a row at once', () => {
    const check = checkImportRow(
      cells({
        name: '',
        creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0'),
        departments: '县审计局',
        liaisonPhone: '12345',
      }),
      departments,
    )
    expect(check).toEqual({
      ok: false,
      reasons: [
        '缺少企业名称',
        '统一社会信用代码校验位不正确，请核对',
        '监管部门“县审计局”不存在或已撤销，请填写系统中已有的部门名称',
        '联络员手机“12345”不是有效的手机号',
      ],
    })
  })

  it('cleans what Excel leaves in cells', () => {
    expect(cleanCell('\u3000县财政局\u200b ')).toBe('县财政局')
  })
})

describe('an import row against the registered enterprise', () => {
  const existing = {
    id: 9,
    name: '县某某有限公司',
    ownership: 'private',
    partyOrg: 'branch',
    industry: null,
    liaisonName: null,
    liaisonPhone: null,
    departmentIds: [1],
  }
  it('changes only what differs and adds the links it lacks', () => {
    const check = checkImportRow(cells({ departments: '县委统战部、县财政局' }), departments)
    if (!check.ok) throw new Error('row refused')
    const change = diffEnterprise(existing, check.data)
    expect(change).toEqual({ fields: ['liaisonName', 'liaisonPhone'], newDepartmentIds: [2] })
    expect(describeChanges(change)).toBe('将更新：联络员姓名、联络员手机、监管部门')
    const same = diffEnterprise(
      { ...existing, liaisonName: '张三', liaisonPhone: '13800138000', departmentIds: [1, 2] },
      check.data,
    )
    expect(describeChanges(same)).toBe('与已登记信息一致')
  })
})

describe('helpers', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(normalizeMobilePhone('138 0013 8000')).toBe('13800138000')
    expect(normalizeMobilePhone('8613800138000')).toBe('13800138000')
    expect(normalizeMobilePhone('12800138000')).toBeNull()
    expect(normalizeMobilePhone('010-12345678')).toBeNull()
  })
})
