import { View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import { TextLimitFoot, useTextLimit, type LimitedTextProps } from './TextField'
import './TextField.scss'

/**
 * A text area that grows with its text and pushes what follows down, with the limit of TextField: all
 * the text kept, the counter "n/limit" always shown, and a toast and a line when it is over.
 */
export function TextAreaField(
  props: LimitedTextProps & {
    /** Lines it shows while short. */
    rows?: number
    status?: 'default' | 'error'
  },
) {
  const { over, change } = useTextLimit(props)
  return (
    <View className={`text-field text-field--grow${over ? ' text-field--over' : ''}`}>
      <TextArea
        className={props.className}
        value={props.value}
        placeholder={props.placeholder}
        onChange={change}
        onBlur={props.onBlur}
        // -1: neither NutUI nor the platform cuts the text; the limit is told, not enforced by cutting.
        maxLength={-1}
        autoSize
        status={over ? 'error' : (props.status ?? 'default')}
        style={{ minHeight: `${(props.rows ?? 3) * 1.5}em` }}
      />
      <TextLimitFoot
        value={props.value}
        limit={props.limit}
        over={over}
        counter={props.counter ?? 'always'}
      />
    </View>
  )
}
