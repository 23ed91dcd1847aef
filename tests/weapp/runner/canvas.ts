import { PNG } from 'pngjs'

/** A 2D canvas that records the strokes drawn on it and can be exported as a PNG. */
export class FakeCanvas {
  width = 300
  height = 150
  readonly strokes: { x: number; y: number }[][] = []
  private current: { x: number; y: number }[] | null = null
  getContext(): object {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's methods are called with the context as this
    const canvas = this
    return {
      lineWidth: 1,
      strokeStyle: '#000',
      lineCap: 'butt',
      lineJoin: 'miter',
      clearRect() {
        canvas.strokes.length = 0
      },
      beginPath() {
        canvas.current = []
        canvas.strokes.push(canvas.current)
      },
      closePath() {},
      moveTo(x: number, y: number) {
        canvas.current = [{ x, y }]
        canvas.strokes.push(canvas.current)
      },
      lineTo(x: number, y: number) {
        if (!canvas.current) canvas.strokes.push((canvas.current = []))
        canvas.current.push({ x, y })
      },
      stroke() {},
      fill() {},
      save() {},
      restore() {},
      scale() {},
      fillRect() {},
      arc() {},
      drawImage() {},
      fillText() {},
    }
  }
  createImage(): object {
    return {}
  }
  toPng(): Buffer {
    const png = new PNG({
      width: Math.max(1, Math.round(this.width)),
      height: Math.max(1, Math.round(this.height)),
    })
    png.data.fill(255)
    for (const stroke of this.strokes)
      for (let k = 1; k < stroke.length; k++) {
        const a = stroke[k - 1]
        const b = stroke[k]
        const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)))
        for (let s = 0; s <= steps; s++) {
          const x = Math.round(a.x + ((b.x - a.x) * s) / steps)
          const y = Math.round(a.y + ((b.y - a.y) * s) / steps)
          if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue
          const i = (y * png.width + x) * 4
          png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
        }
      }
    return PNG.sync.write(png)
  }
}
