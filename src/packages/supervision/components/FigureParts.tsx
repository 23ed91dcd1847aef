import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { supervisionPages } from '@/services/routes'
import './supervision.scss'

/** The pieces of 监管总览's figures: a number, bars drawn with views, a section card. */

export type Drill = Record<string, string | number | undefined>

/** A number that opens the list behind it. */
export function Tile(props: { value: number; label: string; drill: Drill; tone?: 'bad' | 'todo' }) {
  return (
    <View
      className="sv-tile"
      onClick={() => void Taro.navigateTo({ url: supervisionPages.enterprises(props.drill) })}
    >
      <Text className={`sv-tile__value${props.tone ? ` sv-tile__value--${props.tone}` : ''}`}>
        {props.value}
      </Text>
      <Text className="sv-tile__label">{props.label}</Text>
    </View>
  )
}

/** Horizontal bars drawn with views (no chart library): each opens its list. */
/**
 * Bars of enterprises, each opening the list behind it. A row's `note` (the points, 1个) follows its label
 * unbroken: a long label (物资（服务）采购, 县工业信息化和商务局) wraps before it, never inside it.
 */
export function Bars(props: { rows: { label: string; note?: string; value: number; drill: Drill }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value))
  return (
    <View className="sv-bars">
      {props.rows.map((r) => (
        <View
          key={r.label}
          className="sv-bars__row"
          onClick={() => void Taro.navigateTo({ url: supervisionPages.enterprises(r.drill) })}
        >
          <Text className="sv-bars__label">
            {r.label}
            {r.note ? <Text className="sv-bars__note">{r.note}</Text> : null}
          </Text>
          <View className="sv-bars__track">
            <View className="sv-bars__fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </View>
          <Text className="sv-bars__value">{r.value}</Text>
        </View>
      ))}
    </View>
  )
}

export function Section(props: { title: string; extra?: string; children: React.ReactNode }) {
  return (
    <View className="a-card sv-section">
      <View className="sv-section__head">
        <Text className="sv-section__title">{props.title}</Text>
        {props.extra ? <Text className="sv-section__extra">{props.extra}</Text> : null}
      </View>
      {props.children}
    </View>
  )
}
