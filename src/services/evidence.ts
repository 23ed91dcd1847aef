/**
 * Where evidence comes from (拍照/相册, or a PDF) and how a stored PDF is opened. Only pages that take
 * evidence use this (subpackages): the pickers and the photo compression stay out of the main package.
 */
import { fileUrl } from './files'
import { platformDocument } from './platform/document'
import { platformMedia } from './platform/media'
import { platformPhoto } from './platform/photo'
import type { PickedFile } from './platform/types'

/** Where evidence comes from: the camera or the album, or a PDF (from a chat in the mini-program). */
export type EvidenceSource = 'photo' | 'pdf'

/**
 * Up to `count` photos from the camera or the album, each over 1.5 MB compressed on the device to about
 * 1–2 MB (a phone photo is 4–8 MB); [] when the user cancels.
 */
export async function chooseImages(count: number): Promise<PickedFile[]> {
  const picked = await platformMedia.chooseImages(Math.max(1, Math.min(9, count)))
  return Promise.all(picked.map((file) => platformPhoto.compress(file)))
}

/** Evidence files from the chosen source: up to `count` photos, or one PDF; [] when the user cancels. */
export async function chooseEvidence(source: EvidenceSource, count: number): Promise<PickedFile[]> {
  if (source === 'photo') return chooseImages(count)
  const file = await platformDocument.pick(['pdf'])
  return file ? [file] : []
}

/** Opens a stored PDF (a signed link from the API) for reading. */
export function openPdf(url: string): Promise<void> {
  return platformDocument.openPdf(fileUrl(url))
}
