/**
 * A Buffer's bytes as an ArrayBuffer of their own, to transfer to or from a worker thread (a Buffer may be a
 * view on a larger shared pool, which cannot be transferred).
 */
export function transferable(content: Buffer): ArrayBuffer {
  return content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer
}
