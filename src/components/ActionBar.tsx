import { Children, isValidElement, type ReactNode } from 'react'
import { View } from '@tarojs/components'

/**
 * The bar of buttons at a page's foot (`.a-actions` in styles/page.scss): each child that is drawn (not
 * null or false) takes an equal share of the width.
 */
export function ActionBar({ children }: { children: ReactNode }) {
  return (
    <View className="a-actions">
      {Children.toArray(children).map((child, i) => (
        <View key={isValidElement(child) && child.key !== null ? child.key : i} className="a-actions__grow">
          {child}
        </View>
      ))}
    </View>
  )
}
