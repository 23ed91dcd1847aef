import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import { View } from '@tarojs/components'
import { Signature } from '@nutui/nutui-react-taro'
import { SIGNATURE_CANVAS_ID, type SignaturePadHandle, type SignaturePadProps } from './SignaturePad.types'
import './SignaturePad.scss'

interface NutSignatureRef {
  clear(): void
  confirm(): void
}

function canvasElement(): HTMLCanvasElement | null {
  const host = document.getElementById(SIGNATURE_CANVAS_ID)
  if (!host) return null
  return host.tagName === 'CANVAS' ? (host as HTMLCanvasElement) : host.querySelector('canvas')
}

/**
 * H5: NutUI Signature draws with the finger (touch events); a desktop browser has a mouse, which NutUI
 * does not listen to, so mouse strokes are drawn here on the same canvas. The PNG is the canvas itself
 * (toDataURL), which is what NutUI's own confirm produces on H5.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad(
  { onChange },
  ref,
) {
  const nut = useRef<NutSignatureRef>(null)
  const signed = useRef(false)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  const mark = (value: boolean) => {
    if (signed.current === value) return
    signed.current = value
    onChangeRef.current?.(value)
  }

  useEffect(() => {
    let drawing = false
    const point = (e: MouseEvent, canvas: HTMLCanvasElement) => {
      const r = canvas.getBoundingClientRect()
      // NutUI sizes the bitmap to the element's CSS size; scale in case the two differ.
      return [
        ((e.clientX - r.left) * canvas.width) / (r.width || 1),
        ((e.clientY - r.top) * canvas.height) / (r.height || 1),
      ]
    }
    const inside = (target: EventTarget | null) => {
      const host = document.getElementById(SIGNATURE_CANVAS_ID)
      return Boolean(host && target instanceof Node && host.contains(target))
    }
    const down = (e: MouseEvent) => {
      if (e.button !== 0 || !inside(e.target)) return
      const canvas = canvasElement()
      const ctx = canvas?.getContext('2d')
      if (!canvas || !ctx) return
      drawing = true
      const [x, y] = point(e, canvas)
      ctx.beginPath()
      ctx.lineWidth = 3
      ctx.lineCap = 'round'
      ctx.lineJoin = 'round'
      ctx.strokeStyle = '#1a1a1a'
      ctx.moveTo(x, y)
      mark(true)
      e.preventDefault()
    }
    const move = (e: MouseEvent) => {
      if (!drawing) return
      const canvas = canvasElement()
      const ctx = canvas?.getContext('2d')
      if (!canvas || !ctx) return
      const [x, y] = point(e, canvas)
      ctx.lineTo(x, y)
      ctx.stroke()
    }
    const up = () => {
      drawing = false
    }
    const touch = (e: TouchEvent) => {
      if (inside(e.target)) mark(true)
    }
    document.addEventListener('mousedown', down)
    document.addEventListener('mousemove', move)
    document.addEventListener('mouseup', up)
    document.addEventListener('touchstart', touch, { passive: true })
    return () => {
      document.removeEventListener('mousedown', down)
      document.removeEventListener('mousemove', move)
      document.removeEventListener('mouseup', up)
      document.removeEventListener('touchstart', touch)
    }
  }, [])

  useImperativeHandle(ref, () => ({
    async read() {
      const canvas = canvasElement()
      if (!signed.current || !canvas) return null
      return canvas.toDataURL('image/png')
    },
    clear() {
      nut.current?.clear()
      const canvas = canvasElement()
      canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height)
      mark(false)
    },
  }))

  return (
    <View className="signature-pad">
      <Signature ref={nut} canvasId={SIGNATURE_CANVAS_ID} lineWidth={3} strokeStyle="#1a1a1a" type="png" />
    </View>
  )
})
