/**
 * What may be uploaded: PDF, images and office documents. Each type is
 * checked against the file's first bytes as well, so a renamed executable or
 * an HTML page cannot pass as a PDF.
 */
interface FileType {
  /** How the content starts. */
  magic: (head: Buffer) => boolean;
  /** Shown inline in the browser (PDF, images); everything else downloads. */
  inline: boolean;
}

const startsWith =
  (...bytes: number[]) =>
  (head: Buffer) =>
    bytes.every((byte, i) => head[i] === byte);
const pdf = startsWith(0x25, 0x50, 0x44, 0x46, 0x2d); // %PDF-
const zip = startsWith(0x50, 0x4b, 0x03, 0x04); // OOXML and OpenDocument are zip packages
const compound = startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1); // legacy Office (OLE)

export const allowedTypes: Record<string, FileType> = {
  'application/pdf': { magic: pdf, inline: true },
  'image/png': { magic: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), inline: true },
  'image/jpeg': { magic: startsWith(0xff, 0xd8, 0xff), inline: true },
  'image/gif': { magic: (h) => h.subarray(0, 6).toString('latin1').startsWith('GIF8'), inline: true },
  'image/webp': {
    magic: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
    inline: true,
  },
  'image/tiff': {
    magic: (h) => startsWith(0x49, 0x49, 0x2a, 0x00)(h) || startsWith(0x4d, 0x4d, 0x00, 0x2a)(h),
    inline: false,
  },
  'application/msword': { magic: compound, inline: false },
  'application/vnd.ms-excel': { magic: compound, inline: false },
  'application/vnd.ms-powerpoint': { magic: compound, inline: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { magic: zip, inline: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { magic: zip, inline: false },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { magic: zip, inline: false },
  'application/vnd.oasis.opendocument.text': { magic: zip, inline: false },
  'application/vnd.oasis.opendocument.spreadsheet': { magic: zip, inline: false },
  'application/vnd.oasis.opendocument.presentation': { magic: zip, inline: false },
  'application/rtf': { magic: (h) => h.subarray(0, 5).toString('latin1') === '{\\rtf', inline: false },
};

/** The media type without parameters, lower case ("application/pdf; x=y" → "application/pdf"). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** How many leading bytes the checks read. */
export const HEAD_BYTES = 16;
