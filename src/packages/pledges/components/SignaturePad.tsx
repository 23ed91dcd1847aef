import { createElement, forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import { View } from '@tarojs/components'
import type { SignaturePadHandle, SignaturePadProps } from './SignaturePad.types'
import './SignaturePad.scss'

const LINE_WIDTH = 3
const INK = '#1a1a1a'

/**
 * H5: a plain <canvas> held by a ref, drawn with pointer events (finger, pen and mouse alike). NutUI's
 * Signature looked its canvas up by a global id from a 1 s timer it never clears: a sign page left within
 * that second (or a stacked second sign page) threw "Cannot set properties of undefined" from the timer.
 * The PNG is the canvas itself (toDataURL), as NutUI's own confirm produced it on H5.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad(
  { onChange },
  ref,
) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null)
  const signed = useRef(false)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  const mark = (value: boolean) => {
    if (signed.current === value) return
    signed.current = value
    onChangeRef.current?.(value)
  }

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    // The bitmap follows the element's size (× the screen's pixel ratio) the first time it is needed;
    // resizing a canvas wipes it, so a drawn pad is never resized.
    const fit = () => {
      const r = canvas.getBoundingClientRect()
      const ratio = window.devicePixelRatio || 1
      const width = Math.round(r.width * ratio)
      const height = Math.round(r.height * ratio)
      if (!width || !height || (canvas.width === width && canvas.height === height)) return
      canvas.width = width
      canvas.height = height
    }
    const point = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect()
      return [
        ((e.clientX - r.left) * canvas.width) / (r.width || 1),
        ((e.clientY - r.top) * canvas.height) / (r.height || 1),
      ] as const
    }
    let drawing: number | null = null
    const down = (e: PointerEvent) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return
      if (!signed.current) fit()
      const ctx = canvas.getContext('2d')
      if (!ctx) return
      drawing = e.pointerId
      canvas.setPointerCapture?.(e.pointerId)
      const [x, y] = point(e)
      ctx.beginPath()
      ctx.lineWidth = LINE_WIDTH * (window.devicePixelRatio || 1)
      ctx.lineCap = 'round'
      ctx.lineJoin = 'round'
      ctx.strokeStyle = INK
      ctx.moveTo(x, y)
      mark(true)
      e.preventDefault()
    }
    const move = (e: PointerEvent) => {
      if (drawing !== e.pointerId) return
      const ctx = canvas.getContext('2d')
      const [x, y] = point(e)
      ctx?.lineTo(x, y)
      ctx?.stroke()
      e.preventDefault()
    }
    const up = (e: PointerEvent) => {
      if (drawing === e.pointerId) drawing = null
    }
    fit()
    canvas.addEventListener('pointerdown', down)
    canvas.addEventListener('pointermove', move)
    canvas.addEventListener('pointerup', up)
    canvas.addEventListener('pointercancel', up)
    return () => {
      canvas.removeEventListener('pointerdown', down)
      canvas.removeEventListener('pointermove', move)
      canvas.removeEventListener('pointerup', up)
      canvas.removeEventListener('pointercancel', up)
    }
  }, [])

  useImperativeHandle(ref, () => ({
    async read() {
      const canvas = canvasRef.current
      if (!signed.current || !canvas) return null
      return canvas.toDataURL('image/png')
    },
    clear() {
      const canvas = canvasRef.current
      canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height)
      mark(false)
    },
  }))

  return (
    <View className="signature-pad">
      {/* A DOM canvas, not Taro's <Canvas>: that one creates its inner canvas asynchronously. */}
      {createElement('canvas', { ref: canvasRef, className: 'signature-pad__canvas' })}
    </View>
  )
})
