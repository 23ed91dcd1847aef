import { useRef } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { overLimitMessage, textLength } from '@/models/textLimit'
import './TextField.scss'

export interface TextFieldProps {
  value: string
  onChange: (value: string) => void
  /** The schema's maximum (maxLengthOf(ZFoo.shape.field)): the same number the server checks. */
  limit: number
  /** A text area that grows with its text; otherwise one line. */
  multiline?: boolean
  /** Lines a text area shows while short. */
  rows?: number
  /** When the "n/limit" counter shows: always (default for text areas) or from 80% of the limit on. */
  counter?: 'always' | 'near'
  placeholder?: string
  /** Classes of the NutUI field itself (the page's border and padding). */
  className?: string
  status?: 'default' | 'error'
  type?: 'text' | 'number' | 'digit'
  onBlur?: () => void
}

/** From this share of the limit on, a one-line field shows its counter. */
const NEAR_SHARE = 0.8

/** Over the limit (what the page checks before it saves). */
export const isOverLimit = (value: string, limit: number) => textLength(value) > limit

/**
 * A text field that never cuts what the user typed or pasted: the field takes it all, the counter
 * "n/limit" shows how much of the schema's limit is used, and beyond it a toast and a line under the
 * field say by how much ('最多 500 字，已超出 23 字'); the page refuses to save until it is shortened.
 * A text area grows with its text and pushes what follows down.
 */
export function TextField(props: TextFieldProps) {
  const { value, limit, multiline = false, rows = multiline ? 3 : 1 } = props
  const length = textLength(value)
  const over = overLimitMessage(value, limit)
  const wasOver = useRef(over !== null)
  const counter = props.counter ?? (multiline ? 'always' : 'near')
  const showCount = counter === 'always' || length >= limit * NEAR_SHARE

  const change = (next: string) => {
    props.onChange(next)
    const message = overLimitMessage(next, limit)
    // Said once as it goes over (a paste, or the key that crosses the limit), then by the line below.
    if (message && !wasOver.current) void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    wasOver.current = message !== null
  }

  const common = {
    className: props.className,
    value,
    placeholder: props.placeholder,
    onChange: change,
    onBlur: props.onBlur,
  }
  return (
    <View className={`text-field${multiline ? ' text-field--grow' : ''}${over ? ' text-field--over' : ''}`}>
      {multiline ? (
        <TextArea
          {...common}
          // -1: neither NutUI nor the platform cuts the text; the limit is told, not enforced by cutting.
          maxLength={-1}
          autoSize
          status={over ? 'error' : (props.status ?? 'default')}
          style={{ minHeight: `${rows * 1.5}em` }}
        />
      ) : (
        <Input {...common} type={props.type ?? 'text'} />
      )}
      {showCount || over ? (
        <View className="text-field__foot">
          {over ? <Text className="text-field__over">{over}，请删减</Text> : null}
          {showCount ? (
            <Text className={`text-field__count${over ? ' text-field__count--over' : ''}`}>
              {length}/{limit}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
