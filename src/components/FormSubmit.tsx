import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

/**
 * A form's foot: why it was refused (`${block}__error`, the form's own look), then the full-width primary
 * button that sends it (`${block}__submit`, and `className`), loading while the write is in flight.
 */
export function FormSubmit({
  block,
  className,
  error,
  busy,
  onSubmit,
  children,
}: {
  block: string
  className?: string
  error: string | null
  busy: boolean
  onSubmit: () => unknown
  children: ReactNode
}) {
  return (
    <>
      {error ? <Text className={`${block}__error`}>{error}</Text> : null}
      <Button
        className={className ? `${block}__submit ${className}` : `${block}__submit`}
        type="primary"
        block
        loading={busy}
        onClick={() => void onSubmit()}
      >
        {children}
      </Button>
    </>
  )
}
