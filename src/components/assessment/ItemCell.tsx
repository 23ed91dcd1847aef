import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import { assessmentPages } from '@/services/routes'

/** A row naming one checklist item of an assessment (drawn by `children`); a tap opens the item's page. */
export function ItemCell({
  assessment,
  code,
  className,
  extra,
  children,
}: {
  assessment: { id: number; enterprise: { id: number } }
  code: string
  className: string
  extra?: ReactNode
  children: ReactNode
}) {
  return (
    <Cell
      className={className}
      clickable
      onClick={() =>
        void Taro.navigateTo({ url: assessmentPages.item(assessment.enterprise.id, assessment.id, code) })
      }
      title={children}
      extra={extra}
    />
  )
}
