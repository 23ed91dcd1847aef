import crypto from 'node:crypto'
import { AppError } from '../../core/errors'
import { sha256Hex } from './hashChain'
import { SIGNATURE_MAX_BYTES } from '../../../src/models/pledge'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Decodes and checks a handwritten signature: PNG by its bytes, at most SIGNATURE_MAX_BYTES. */
export function decodeSignature(base64: string): { base64: string; bytes: Buffer; sha256: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new AppError(415, 'SIGNATURE_NOT_PNG', '签名须为 PNG 图片（base64 编码）')
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > SIGNATURE_MAX_BYTES) throw new AppError(413, 'SIGNATURE_TOO_LARGE')
  // A PNG starts with its 8-byte signature and an IHDR chunk.
  if (
    bytes.length < 33 ||
    !bytes.subarray(0, 8).equals(PNG_MAGIC) ||
    bytes.subarray(12, 16).toString('latin1') !== 'IHDR'
  )
    throw new AppError(415, 'SIGNATURE_NOT_PNG')
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  if (width < 1 || height < 1 || width > 4096 || height > 4096)
    throw new AppError(415, 'SIGNATURE_NOT_PNG', '签名图片尺寸无效')
  return { base64: bytes.toString('base64'), bytes, sha256: sha256Hex(bytes) }
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** 12 characters of Crockford base32: 60 random bits. */
export function newVerifyCode(): string {
  const bytes = crypto.randomBytes(12)
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('')
}
