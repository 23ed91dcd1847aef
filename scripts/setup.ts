/**
 * `npm run setup -- --county "<县名>" [--deadline YYYY-MM-DD|none] [--png <file>]`: switches on a county on the configured database
 * (SQLite by default, PostgreSQL with DATABASE_URL; any APP_MODE, never loading demo data). Creates the
 * county's 领导小组办公室 once and prints a one-time administrator code (24 h) with its QR, also written
 * as a PNG. The first WeChat user who redeems the code in the app becomes the office's administrator.
 * Running it again issues a new code and revokes the previous one.
 *
 * `--deadline`: the county-wide 领导小组与实施方案完成期限 (北京时间, not before the programme's 2022-06-15;
 * `none` goes back to the programme's). Left out on a terminal, the script asks (Enter keeps what is set);
 * left out otherwise, it stays as it is. Either way the date in force is printed.
 *
 * The QR carries `<web base>/qr/admin?code=…` (`--web-base`, else WEB_BASE, else this server's own address):
 * WeChat's scanner opens the mini-program's 管理员码 page with the code filled in (the 扫普通链接二维码打开小程序
 * rule), a browser is sent to the H5 page of the same name.
 */
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline/promises'
import { PNG } from 'pngjs'
import qrcode from 'qrcode-generator'
import { loadEnv } from '../server/env'
import { prepareDatabase } from '../server/bootstrap'
import { ADMIN_CODE_HOURS, setUpCounty } from '../server/features/setup/service'
import { joinLinkUrl } from '../src/models/joinLink'
import { PROGRAMME_DEADLINE, ZMilestoneDate } from '../src/models/milestones'
import { chineseDateTime, formatShanghaiMinute, shanghaiDate } from '../src/models/shanghaiTime'

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

function qrPng(text: string, file: string): void {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const cell = 8
  const margin = 4
  const size = (qr.getModuleCount() + margin * 2) * cell
  const png = new PNG({ width: size, height: size })
  png.data.fill(255)
  for (let r = 0; r < qr.getModuleCount(); r++)
    for (let c = 0; c < qr.getModuleCount(); c++) {
      if (!qr.isDark(r, c)) continue
      for (let y = 0; y < cell; y++)
        for (let x = 0; x < cell; x++) {
          const i = (((r + margin) * cell + y) * size + (c + margin) * cell + x) * 4
          png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
        }
    }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, PNG.sync.write(png))
}

const USAGE =
  '用法：npm run setup -- --county "某某县" [--deadline YYYY-MM-DD|none] [--png data/admin-code.png] [--web-base https://…]'

/**
 * The county-wide date from `--deadline` or, on a terminal, asked for: a date, null (`none`: the
 * programme's), or undefined (keep what is set). Exits on a malformed date before touching the database.
 */
async function deadlineArg(): Promise<string | null | undefined> {
  let text = arg('deadline')?.trim()
  if (text === undefined && process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout })
    text = (
      await rl.question(
        `全县领导小组与实施方案完成期限（北京时间 YYYY-MM-DD，不早于实施方案规定的 ${PROGRAMME_DEADLINE}；直接回车则不变）：`,
      )
    ).trim()
    rl.close()
    if (text === '') text = undefined
  }
  if (text === undefined) return undefined
  if (text === 'none') return null
  if (!ZMilestoneDate.safeParse(text).success) {
    console.error(
      `完成期限“${text}”不是有效日期，应为 YYYY-MM-DD（如 2026-12-31），或 none 恢复为实施方案规定的 ${PROGRAMME_DEADLINE}`,
    )
    process.exit(2)
  }
  return text
}

async function main() {
  const county = arg('county')?.trim()
  if (!county) {
    console.error(USAGE)
    process.exit(2)
  }
  const milestoneDeadline = await deadlineArg()
  const env = loadEnv()
  const database = await prepareDatabase({ ...env, SEED_DEMO: false })
  try {
    const result = await database.db
      .transaction()
      .execute((trx) => setUpCounty(trx, county, Date.now(), { milestoneDeadline }))
    const webBase = arg('web-base') ?? env.WEB_BASE ?? `http://${env.HOST}:${env.PORT}`
    const qrText = joinLinkUrl(webBase, { kind: 'admin', code: result.code })
    const pngFile = path.resolve(arg('png') ?? 'data/admin-code.png')
    qrPng(qrText, pngFile)
    const qr = qrcode(0, 'M')
    qr.addData(qrText)
    qr.make()
    console.log(qr.createASCII(1, 2))
    console.log(`${result.office.created ? '已创建' : '已有'}：${result.office.name}`)
    console.log(
      `管理员码：${result.code}（${ADMIN_CODE_HOURS} 小时内有效，只能使用一次；此前的管理员码已作废）`,
    )
    console.log(`有效期至：${chineseDateTime(formatShanghaiMinute(result.expiresAt))}（北京时间）`)
    console.log(
      result.milestoneDeadline
        ? `领导小组与实施方案完成期限：${result.milestoneDeadline}（全县统一，北京时间；实施方案原定 ${PROGRAMME_DEADLINE}；可在小程序「首页 → 监管部门 → 完成期限」修改）`
        : `领导小组与实施方案完成期限：${PROGRAMME_DEADLINE}（实施方案规定；开通较晚的县可用 --deadline YYYY-MM-DD 统一设定）`,
    )
    // The walk switched a county on without --deadline: every enterprise's first 任务 said 已逾期.
    if (!result.milestoneDeadline && shanghaiDate(Date.now()) > PROGRAMME_DEADLINE)
      console.log(
        '注意：这个期限已经过了。不另设期限，每家企业从登记那天起就是“未报（已过截止日）”，联络员的任务显示“已逾期”。' +
          '请带 --deadline YYYY-MM-DD 再运行一次（会换一个新的管理员码），或由办公室在小程序「首页 → 监管部门 → 完成期限」设定。',
      )
    console.log(`二维码图片：${pngFile}`)
    console.log(`二维码链接：${qrText}`)
    if (!arg('web-base') && !env.WEB_BASE)
      console.log(
        '提示：未设置 WEB_BASE（或 --web-base），二维码链接指向本机地址，微信扫一扫无法打开小程序。',
      )
    console.log(
      '用微信扫一扫这个二维码，或在小程序「我的 → 管理员码」输入这个码，即成为领导小组办公室管理员。',
    )
  } finally {
    await database.close()
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
