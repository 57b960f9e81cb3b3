/**
 * A minimal POSIX ustar archive of text files: what `tar -xf` needs, nothing more. Fixed modes and times keep
 * the archive byte-for-byte the same from one build to the next.
 */
export function tar(files: Record<string, string>): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const blocks: Uint8Array[] = [];
  for (const [name, text] of Object.entries(files)) {
    const body = enc.encode(text);
    if (enc.encode(name).length > 100) throw new Error(`tar: path longer than 100 bytes: ${name}`);
    const header = new Uint8Array(512);
    const put = (offset: number, value: string) => header.set(enc.encode(value), offset);
    const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';
    put(0, name);
    put(100, octal(0o644, 8));
    put(108, octal(0, 8));
    put(116, octal(0, 8));
    put(124, octal(body.length, 12));
    put(136, octal(0, 12));
    put(148, ' '.repeat(8)); // the checksum counts its own field as spaces
    put(156, '0');
    put(257, 'ustar\0');
    put(263, '00');
    put(
      148,
      `${header
        .reduce((a, b) => a + b, 0)
        .toString(8)
        .padStart(6, '0')}\0 `,
    );
    blocks.push(header, body, new Uint8Array((512 - (body.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024)); // two zero blocks end the archive
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
