import { authHeaders } from './auth';

/** What POST /files answers. */
export interface Uploaded {
  id: string;
  url: string;
}

/** Uploads a file through the gateway; the error says why it was refused (type, size, sign-in). */
export async function uploadFile(file: File): Promise<Uploaded> {
  const response = await fetch('/files', {
    method: 'POST',
    headers: {
      ...authHeaders(),
      'content-type': file.type || 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as (Uploaded & { error?: { message: string } }) | null;
  if (response.status !== 201 || !body?.id) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return { id: body.id, url: body.url };
}

/** Opens a file in a new tab: files need the sign-in, so they are fetched with it rather than linked. */
export async function openFile(url: string): Promise<void> {
  const opened = window.open('', '_blank');
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) {
    opened?.close();
    const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  if (opened) opened.location.href = href;
  else window.location.assign(href);
}
