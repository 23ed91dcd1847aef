import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import './FormDialog.scss'

export interface FormDialogProps {
  visible: boolean
  title: string
  confirmText: string
  /** While a write is on its way: the confirm is disabled and a tap beside the dialog does not close it. */
  busy?: boolean
  className?: string
  /** Resolves when done (NutUI's Dialog then closes itself); rejects with KEEP_OPEN to stay open. */
  onConfirm: () => Promise<void>
  /** 取消, the close button or a tap beside the dialog. */
  onClose: () => void
  children: ReactNode
}

/** A NutUI Dialog holding a small form (useDialogSubmit sends it): 取消 and a confirm of its own. */
export function FormDialog({
  visible,
  title,
  confirmText,
  busy = false,
  className,
  onConfirm,
  onClose,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      className={className}
      visible={visible}
      title={title}
      confirmText={confirmText}
      cancelText="取消"
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      onConfirm={onConfirm}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">{children}</View>
    </Dialog>
  )
}

/** A field of a form dialog, outlined while `error` stands, with the message under it. */
export function FormDialogField({ error, children }: { error: string | null; children: ReactNode }) {
  return (
    <>
      <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>{children}</View>
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </>
  )
}
