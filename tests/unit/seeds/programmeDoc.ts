import fs from 'node:fs'
import path from 'node:path'
import type { TChecklistItem } from '../../../src/models/checklist'

/**
 * The programme document, split the way checklist items cite it: tasks 1-15 of 二、主要任务, and the parts /
 * points of 三、实施步骤 and 四、工作要求. Shared by the checklist tests and scripts/checklist-sentences.ts.
 */

/** The programme document: /work/shared/seed/… beside the repository (CI keeps shared/ at the same place). */
export const DOC_PATH = path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt')
export const doc = fs.readFileSync(DOC_PATH, 'utf8')

function sliceBetween(text: string, start: string, end?: string): string {
  const from = text.indexOf(start)
  if (from < 0) throw new Error(`heading not found: ${start}`)
  const to = end === undefined ? text.length : text.indexOf(end, from + start.length)
  if (to < 0) throw new Error(`heading not found: ${end}`)
  return text.slice(from, to)
}

// Split on the chapter headings first: 三、实施步骤 and 四、工作要求 have their own '1.' '2.' numbering.
export const TASKS_TEXT = sliceBetween(doc, '\n二、主要任务\n', '\n三、实施步骤\n')
export const STEPS_TEXT = sliceBetween(doc, '\n三、实施步骤\n', '\n四、工作要求\n')
export const REQUIREMENTS_TEXT = sliceBetween(doc, '\n四、工作要求\n', '\n附件')

/** Tasks 1-15: a line opening with 'N.' starts task N; a group heading such as '（二）…' ends it. */
function splitTasks(text: string): Map<number, string> {
  const tasks = new Map<number, string>()
  let current: number | null = null
  for (const line of text.split('\n')) {
    const start = /^(\d{1,2})\./.exec(line)
    if (start) {
      current = Number(start[1])
      tasks.set(current, line)
    } else if (/^（[一二三四五六七八九十]+）/.test(line)) current = null
    else if (current !== null) tasks.set(current, `${tasks.get(current)}\n${line}`)
  }
  return tasks
}
export const TASK_TEXT = splitTasks(TASKS_TEXT)

/** '（二）' → the text of that part of a chapter, up to the next part heading at a line start. */
export function subsection(chapter: string, label: string): string {
  const parts = chapter.split(/\n(?=（[一二三四五六七八九十]+）)/)
  const part = parts.find((p) => p.startsWith(label))
  if (!part) throw new Error(`part ${label} not found`)
  return part
}

/** 'N.' inside a part, up to 'N+1.' (or the part's end); the numbers stand inline or at line starts. */
export function numbered(part: string, n: number): string {
  const start = new RegExp(`(?<!\\d)${n}\\.`).exec(part)
  if (!start) throw new Error(`point ${n} not found`)
  const rest = part.slice(start.index)
  const next = new RegExp(`(?<!\\d)${n + 1}\\.`).exec(rest)
  return next ? rest.slice(0, next.index) : rest
}

function parsedRef(item: Pick<TChecklistItem, 'code' | 'task' | 'basis'>) {
  const chapterName = item.task === 'S' ? '实施步骤' : '工作要求'
  const ref = new RegExp(`^${chapterName}(（[一二三四]）)(\\d)?$`).exec(item.basis.ref)
  if (!ref) throw new Error(`${item.code}: basis.ref '${item.basis.ref}' is not '${chapterName}（…）N'`)
  return { chapter: item.task === 'S' ? STEPS_TEXT : REQUIREMENTS_TEXT, part: ref[1], point: ref[2] }
}

/** The document text an item's basis points at: its task, or the part / point of 实施步骤 or 工作要求. */
export function citedText(item: Pick<TChecklistItem, 'code' | 'task' | 'basis'>): string {
  if (typeof item.task === 'number') {
    const text = TASK_TEXT.get(item.task)
    if (!text) throw new Error(`task ${item.task} not in the document`)
    return text
  }
  const ref = parsedRef(item)
  const part = subsection(ref.chapter, ref.part)
  return ref.point ? numbered(part, Number(ref.point)) : part
}

/**
 * The title shown above an item's 依据: a task's own heading ('N.标题。'), or the heading of the part of
 * 实施步骤 (without its dates) or 工作要求.
 */
export function titleOf(item: Pick<TChecklistItem, 'code' | 'task' | 'basis'>): string {
  if (typeof item.task === 'number') return /^\d{1,2}\.([^。]+)。/.exec(citedText(item))![1]
  const part = subsection(parsedRef(item).chapter, parsedRef(item).part)
  return /^（[一二三四]）([^（。\n]+)/.exec(part)![1]
}

/**
 * The whole sentence of the cited text that contains the quote: split after 。, without a leading
 * heading ('N.' or '（二）…。' ) so that it reads as a sentence; still verbatim in the document.
 */
export function sentenceOf(item: Pick<TChecklistItem, 'code' | 'task' | 'basis'>): string {
  const sentences = citedText(item)
    .split(/(?<=。)|\n/)
    .map((s) => s.replace(/^(\d{1,2}\.|（[一二三四]）)/, '').trim())
  const found = sentences.find((s) => s.includes(item.basis.quote))
  if (!found) throw new Error(`${item.code}: no sentence contains '${item.basis.quote}'`)
  return found
}
