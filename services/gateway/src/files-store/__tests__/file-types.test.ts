import { demoPdf } from '@thidua/kit';
import { readFilesConfig } from '../../config.js';
import { allowedTypes, mediaType } from '../file-types.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex');

describe('what may be uploaded: the declared type and the first bytes agree', () => {
  test.each([
    ['application/pdf', demoPdf('x.pdf'), true],
    ['application/pdf', Buffer.from('<html><body>not a pdf'), false],
    ['image/png', bytes('89504e47 0d0a1a0a 0000'), true],
    ['image/jpeg', bytes('ffd8ffe0 0010'), true],
    ['image/jpeg', bytes('89504e47 0d0a1a0a'), false],
    ['image/gif', Buffer.from('GIF89a....'), true],
    ['image/webp', Buffer.concat([Buffer.from('RIFF'), bytes('00000000'), Buffer.from('WEBPVP8 ')]), true],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes('504b0304 1400'), true],
    ['application/vnd.ms-excel', bytes('d0cf11e0 a1b11ae1'), true],
    ['application/vnd.oasis.opendocument.spreadsheet', bytes('504b0304'), true],
    ['application/msword', bytes('504b0304'), false],
    ['application/rtf', Buffer.from('{\\rtf1\\ansi'), true],
  ])('%s starting %p: accepted %s', (type, head, accepted) => {
    expect(allowedTypes[type].magic(head.subarray(0, 16))).toBe(accepted);
  });

  test.each(['text/html', 'image/svg+xml', 'application/x-msdownload', 'application/zip', 'text/plain'])(
    '%s is not accepted at all',
    (type) => {
      expect(allowedTypes[type]).toBeUndefined();
    },
  );

  test('the media type is read without its parameters, in lower case', () => {
    expect(mediaType('Application/PDF; name="x.pdf"')).toBe('application/pdf');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('where files are kept', () => {
  test.each([
    [{}, '/srv/thidua/.data/files', 20 * 1024 * 1024],
    [{ DATA_DIR: '/var/data' }, '/var/data/files', 20 * 1024 * 1024],
    [{ DATA_DIR: '/var/data', FILES_DIR: '/mnt/files', FILES_MAX_BYTES: '1048576' }, '/mnt/files', 1048576],
  ])('%p → %s, at most %i bytes', (env, dir, maxBytes) => {
    expect(readFilesConfig(env, '/srv/thidua')).toEqual({ dir, maxBytes });
  });

  test('a size that is not a positive whole number is refused at start', () => {
    expect(() => readFilesConfig({ FILES_MAX_BYTES: '20MB' })).toThrow(
      /FILES_MAX_BYTES=20MB must be a positive whole number/,
    );
  });
});
