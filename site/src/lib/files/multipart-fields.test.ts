import { describe, expect, it } from 'vitest';
import { multipartBoundary, multipartSniffer } from './multipart-fields.ts';

/** A real multipart body, as the platform's own FormData encodes it. */
async function encoded(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const request = new Request('http://site.invalid/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/** Runs `bytes` through the sniffer in chunks of `size`, and returns what passed and what it saw. */
async function sniff(bytes: Uint8Array, contentType: string, size: number, wanted = ['description']) {
  const boundary = multipartBoundary(contentType)!;
  const { stream, summary } = multipartSniffer(boundary, wanted, 64);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
  const passed = new Uint8Array(await new Response(source.pipeThrough(stream)).arrayBuffer());
  return { passed, summary };
}

describe('multipartSniffer', () => {
  it('passes every byte through unchanged and picks out the wanted field and the file names, whatever the chunking', async () => {
    const form = new FormData();
    form.append('files', new File([new Uint8Array(5000).fill(0x2d)], 'board pack.pdf'));
    form.append('description', 'Minutes — März 2026');
    form.append('files', new File(['--not a boundary\r\n'], 'notes "v2".txt'));
    form.append('other', 'ignored');
    const { bytes, contentType } = await encoded(form);
    for (const size of [1, 7, 70, 1000, bytes.length]) {
      const { passed, summary } = await sniff(bytes, contentType, size);
      expect(Buffer.from(passed).equals(Buffer.from(bytes)), `chunks of ${size}`).toBe(true);
      expect(summary.fields, `chunks of ${size}`).toEqual({ description: 'Minutes — März 2026' });
      expect(summary.files.map((file) => file.name)).toEqual(['board pack.pdf', 'notes "v2".txt']);
    }
  });

  it('keeps no more of a field than it is allowed', async () => {
    const form = new FormData();
    form.append('description', 'x'.repeat(1000));
    const { bytes, contentType } = await encoded(form);
    const { summary } = await sniff(bytes, contentType, 13);
    expect(summary.fields.description).toBe('x'.repeat(64));
  });

  it('reads the boundary only from a multipart form type', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
  });
});
