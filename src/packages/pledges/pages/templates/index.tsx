import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import {
  PLEDGE_KINDS,
  PLEDGE_KIND_LABELS,
  PLEDGE_SIGNER_LABELS,
  renderPledgeText,
  ZPledgeClause,
  ZPledgeTemplateContent,
  ZPledgeTemplatePublish,
  type TPledgeClause,
  type TPledgeTemplate,
} from '@/models/pledge'
import { maxLengthOf, overLimitProblems } from '@/models/textLimit'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { fetchPledgeTemplates, queuePublishTemplate } from '@/services/pledges'
import { formatDateTime } from '@/models/format'
import { RemotePage } from '@/components/RemotePage'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'
import { useWrite } from '@/hooks/useWrite'
import { Heading } from '@/components/Heading'
import { ErrorNotice } from '@/components/ErrorNotice'
import { useBusy } from '@/hooks/useBusy'

interface Draft {
  title: string
  preamble: string
  /** One clause per line; a two-sided pledge's line may start with 【党员干部】 / 【企业】 / 【双方】. */
  clauses: string
  closing: string
  note: string
}

const LIMITS = {
  title: maxLengthOf(ZPledgeTemplateContent.shape.title),
  preamble: maxLengthOf(ZPledgeTemplateContent.shape.preamble),
  clause: maxLengthOf(ZPledgeClause.shape.text),
  closing: maxLengthOf(ZPledgeTemplateContent.shape.closing),
  note: maxLengthOf(ZPledgeTemplatePublish.shape.note),
}

const PARTY_PREFIX = { both: '【双方】', department: '【党员干部】', enterprise: '【企业】' } as const

function draftOf(t: TPledgeTemplate): Draft {
  const prefix = (c: TPledgeClause) =>
    t.kind === 'government_business' ? PARTY_PREFIX[c.party ?? 'both'] : ''
  return {
    title: t.content.title,
    preamble: t.content.preamble,
    clauses: t.content.clauses.map((c) => `${prefix(c)}${c.text}`).join('\n'),
    closing: t.content.closing,
    note: '',
  }
}

/** Lines back to clauses; a clause whose text is unchanged keeps its citation of the programme. */
function clausesOf(t: TPledgeTemplate, text: string): TPledgeClause[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const party = (Object.keys(PARTY_PREFIX) as (keyof typeof PARTY_PREFIX)[]).find((p) =>
        line.startsWith(PARTY_PREFIX[p]),
      )
      const body = party ? line.slice(PARTY_PREFIX[party].length) : line
      const same = t.content.clauses.find((c) => c.text === body)
      return { text: body, party: party ?? 'both', basis: same?.basis ?? null }
    })
}

function Editor({ template, onDone }: { template: TPledgeTemplate; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(template))
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)
  const write = useWrite()
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }))
  async function publish() {
    const clauses = clausesOf(template, draft.clauses)
    const [tooLong] = overLimitProblems([
      ['标题', draft.title, LIMITS.title],
      ['开头', draft.preamble, LIMITS.preamble],
      ...clauses.map((c, i) => [`第${i + 1}条`, c.text, LIMITS.clause] as const),
      ['结尾', draft.closing, LIMITS.closing],
      ['修订说明', draft.note, LIMITS.note],
    ])
    if (tooLong) {
      setError(tooLong)
      return
    }
    setError(null)
    await whileBusy(async () => {
      const outcome = await write(
        queuePublishTemplate({
          kind: template.kind,
          content: {
            title: draft.title.trim(),
            preamble: draft.preamble.trim(),
            clauses,
            closing: draft.closing.trim(),
          },
          note: draft.note.trim() || null,
        }),
        { done: '已发布新版本', onRefused: setError, keepRefused: true },
      )
      if (outcome.kind !== 'refused') onDone()
    })
  }
  return (
    <View className="a-card pledge-templates__editor">
      <Text className="a-card__subtitle">标题</Text>
      <TextField className="pl-field" value={draft.title} limit={LIMITS.title} onChange={set('title')} />
      <Text className="a-card__subtitle">
        开头（可用 {'{{signer}}'}、{'{{enterprise}}'}、{'{{department}}'}）
      </Text>
      <TextAreaField
        className="pl-field"
        value={draft.preamble}
        limit={LIMITS.preamble}
        onChange={set('preamble')}
      />
      <Text className="a-card__subtitle">
        承诺条款（每行一条
        {template.kind === 'government_business' ? '，行首可标【双方】【党员干部】【企业】' : ''}）
      </Text>
      {/* Each line is a clause with its own limit (checked on 发布): the box itself cuts nothing. */}
      <TextArea
        className="pl-ta pl-ta--tall"
        value={draft.clauses}
        onChange={set('clauses')}
        maxLength={-1}
      />
      <Text className="a-card__subtitle">结尾</Text>
      <TextAreaField
        className="pl-field"
        value={draft.closing}
        limit={LIMITS.closing}
        onChange={set('closing')}
      />
      <Text className="a-card__subtitle">修订说明</Text>
      <TextField
        className="pl-field"
        value={draft.note}
        limit={LIMITS.note}
        onChange={set('note')}
        placeholder="如：依据新要求调整第三条"
      />
      <ErrorNotice message={error} />
      <View className="a-card__row">
        <Button fill="outline" onClick={onDone}>
          取消
        </Button>
        <Button type="primary" loading={busy} onClick={() => void publish()}>
          发布第 {template.version + 1} 版
        </Button>
      </View>
    </View>
  )
}

/** 领导小组办公室: the templates and their versions; editing publishes the next version. */
export default function PledgeTemplatesPage() {
  const session = useRequireSession()
  const { state, reload } = useRemote(session ? 'pledge-templates:all' : null, () =>
    fetchPledgeTemplates(true),
  )
  usePullRefresh(reload)
  const [editing, setEditing] = useState<number | null>(null)
  if (!session) return <View className="page" />
  return (
    <RemotePage className="pledge-templates" state={state} reload={reload}>
      {state.status === 'ready'
        ? PLEDGE_KINDS.map((kind) => {
            const versions = state.data.filter((t) => t.kind === kind)
            const current = versions.find((t) => t.current)
            if (!current) return null
            return (
              <View key={kind}>
                <Heading text={PLEDGE_KIND_LABELS[kind]} extra={PLEDGE_SIGNER_LABELS[kind]} />
                {editing === current.id ? (
                  <Editor
                    template={current}
                    onDone={() => {
                      setEditing(null)
                      void reload().catch(() => undefined)
                    }}
                  />
                ) : (
                  <View className="a-card">
                    <Text className="a-card__subtitle">
                      现行第 {current.version} 版 · {formatDateTime(current.createdAt)}
                      {current.note ? ` · ${current.note}` : ''}
                    </Text>
                    <View className="pl-cert__text">
                      {renderPledgeText(kind, current.content, {})
                        .split('\n')
                        .map((line, i) => (
                          <Text key={i} className={i === 0 ? 'pl-text__title' : 'pl-text__line'}>
                            {line || ' '}
                          </Text>
                        ))}
                    </View>
                    <Text className="a-card__subtitle">
                      依据：
                      {current.content.clauses
                        .filter((c) => c.basis)
                        .map((c) => c.basis!.ref)
                        .filter((r, i, all) => all.indexOf(r) === i)
                        .join('、')}
                    </Text>
                    {versions.length > 1 ? (
                      <Text className="a-card__subtitle">
                        历史版本：
                        {versions
                          .filter((v) => !v.current)
                          .map((v) => `第 ${v.version} 版`)
                          .join('、')}
                        （已签署的承诺保留其版本）
                      </Text>
                    ) : null}
                    <View className="a-card__row">
                      <Button
                        size="small"
                        type="primary"
                        fill="outline"
                        onClick={() => setEditing(current.id)}
                      >
                        修订并发布新版本
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            )
          })
        : null}
    </RemotePage>
  )
}
