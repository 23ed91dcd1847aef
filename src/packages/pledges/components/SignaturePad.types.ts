/** What the sign page needs from the handwriting pad, on either platform. */
export interface SignaturePadHandle {
  /** The drawing as data:image/png;base64,…, or null when nothing was drawn. */
  read(): Promise<string | null>
  /** 清除重签 */
  clear(): void
}

export interface SignaturePadProps {
  /** Told when the pad goes from blank to drawn and back (after a clear). */
  onChange?: (signed: boolean) => void
}

export const SIGNATURE_CANVAS_ID = 'pledge-signature'
