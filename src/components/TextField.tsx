import { useRef } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { overLimitMessage, textLength } from '@/models/textLimit'
import './TextField.scss'

/** What every limited text field takes (TextField: one line; TextAreaField: a text area that grows). */
export interface LimitedTextProps {
  value: string
  onChange: (value: string) => void
  /** The schema's maximum (maxLengthOf(ZFoo.shape.field)): the same number the server checks. */
  limit: number
  /** When the "n/limit" counter shows: always, or from 80% of the limit on. */
  counter?: 'always' | 'near'
  placeholder?: string
  /** Classes of the NutUI field itself (the page's border and padding). */
  className?: string
  onBlur?: () => void
}

/** From this share of the limit on, a 'near' counter shows. */
const NEAR_SHARE = 0.8

/** Over the limit (what the page checks before it saves). */
export const isOverLimit = (value: string, limit: number) => textLength(value) > limit

/**
 * The limit of a field without cutting anything: `change` hands the whole text on and, as it goes over
 * (a paste, or the key that crosses the limit), says by how much in a toast once; `over` is the line the
 * field shows until the text is shortened.
 */
export function useTextLimit(props: Pick<LimitedTextProps, 'value' | 'limit' | 'onChange'>) {
  const over = overLimitMessage(props.value, props.limit)
  const wasOver = useRef(over !== null)
  const change = (next: string) => {
    props.onChange(next)
    const message = overLimitMessage(next, props.limit)
    if (message && !wasOver.current) void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    wasOver.current = message !== null
  }
  return { over, change }
}

/** Under a field: how much it is over ('最多 500 字，已超出 23 字，请删减') and the counter "n/limit". */
export function TextLimitFoot(props: {
  value: string
  limit: number
  over: string | null
  counter: 'always' | 'near'
}) {
  const length = textLength(props.value)
  const showCount = props.counter === 'always' || length >= props.limit * NEAR_SHARE
  if (!showCount && !props.over) return null
  return (
    <View className="text-field__foot">
      {/* One string per Text: the mini-program draws each JSX piece as its own text node. */}
      {props.over ? <Text className="text-field__over">{`${props.over}，请删减`}</Text> : null}
      {showCount ? (
        <Text className={`text-field__count${props.over ? ' text-field__count--over' : ''}`}>
          {`${length}/${props.limit}`}
        </Text>
      ) : null}
    </View>
  )
}

/**
 * A one-line text field that never cuts what the user typed or pasted: it takes it all, the counter
 * "n/limit" shows near the schema's limit, and beyond it a toast and a line under the field say by how
 * much; the page refuses to save until it is shortened. (Long text: TextAreaField.)
 */
export function TextField(props: LimitedTextProps & { type?: 'text' | 'number' | 'digit' }) {
  const { over, change } = useTextLimit(props)
  return (
    <View className={`text-field${over ? ' text-field--over' : ''}`}>
      <Input
        className={props.className}
        value={props.value}
        placeholder={props.placeholder}
        type={props.type ?? 'text'}
        onChange={change}
        onBlur={props.onBlur}
      />
      <TextLimitFoot value={props.value} limit={props.limit} over={over} counter={props.counter ?? 'near'} />
    </View>
  )
}
