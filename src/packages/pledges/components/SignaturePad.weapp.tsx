import { forwardRef, useImperativeHandle, useRef } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Signature } from '@nutui/nutui-react-taro'
import { SIGNATURE_CANVAS_ID, type SignaturePadHandle, type SignaturePadProps } from './SignaturePad.types'
import './SignaturePad.scss'

interface NutSignatureRef {
  clear(): void
  confirm(): void
}

/**
 * Mini-program: NutUI Signature on a type-2d canvas. Its confirm writes a temporary PNG file, read back
 * here as base64 for the signing request.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad(
  { onChange },
  ref,
) {
  const nut = useRef<NutSignatureRef>(null)
  const signed = useRef(false)
  const pending = useRef<((path: string, isSigned: boolean) => void) | null>(null)

  const mark = (value: boolean) => {
    if (signed.current === value) return
    signed.current = value
    onChange?.(value)
  }

  useImperativeHandle(ref, () => ({
    read() {
      return new Promise<string | null>((resolve, reject) => {
        pending.current = (path, isSigned) => {
          pending.current = null
          if (!isSigned || !path) return resolve(null)
          Taro.getFileSystemManager().readFile({
            filePath: path,
            encoding: 'base64',
            success: (res) => resolve(`data:image/png;base64,${String(res.data)}`),
            fail: (err) => reject(new Error(err.errMsg || '读取签名失败')),
          })
        }
        nut.current?.confirm()
      })
    },
    clear() {
      nut.current?.clear()
      mark(false)
    },
  }))

  return (
    <View className="signature-pad" onTouchStart={() => mark(true)}>
      <Signature
        ref={nut}
        canvasId={SIGNATURE_CANVAS_ID}
        lineWidth={3}
        strokeStyle="#1a1a1a"
        type="png"
        onConfirm={(path, isSigned) => pending.current?.(path, Boolean(isSigned))}
      />
    </View>
  )
})
