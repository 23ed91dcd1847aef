import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './FormDialog.scss'

export interface FormPageProps {
  confirmText: string
  /** While a write is on its way: both buttons wait. */
  busy?: boolean
  /** False when there is nothing to confirm (an invite code that opens nothing): only 取消 is offered. */
  canConfirm?: boolean
  /** As FormDialog's: resolves when done (the page is then left), rejects (KEEP_OPEN) to stay. */
  onConfirm: () => Promise<void>
  /** 取消, and after a confirm that resolved. */
  onClose: () => void
  children: ReactNode
}

/**
 * A small form that is a page of its own (编辑资料, 加入企业 …): the navigation bar carries its title, so
 * the page shows the fields in one card with 取消 and its confirm, not a dialog repeating that title over
 * an empty page. The fields use the form dialogs' classes (`form-dialog__…`).
 */
export function FormPage({
  confirmText,
  busy = false,
  canConfirm = true,
  onConfirm,
  onClose,
  children,
}: FormPageProps) {
  return (
    <View className="page__body">
      <View className="a-card form-dialog form-page">
        {children}
        <View className="form-page__actions">
          <Button className="form-page__cancel" disabled={busy} onClick={onClose}>
            取消
          </Button>
          {canConfirm ? (
            <Button
              className="form-page__confirm"
              type="primary"
              loading={busy}
              disabled={busy}
              onClick={() => void onConfirm().then(onClose, () => undefined)}
            >
              {confirmText}
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}
