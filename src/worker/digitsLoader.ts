import { checkDigitsManifest, type DigitsManifest } from '../core/data/digits';

export interface DigitsUrls {
  bin: string;
  manifest: string;
}

let cached: { url: string; pixels: Uint8Array; manifest: DigitsManifest } | null = null;

/**
 * Fetches the MNIST asset (7.8 MB) once per worker, reporting the fraction of bytes read. The
 * total comes from the manifest, not Content-Length (which is the compressed size when the host
 * gzips).
 */
export async function loadDigits(urls: DigitsUrls, progress: (fraction: number) => void): Promise<{ pixels: Uint8Array; manifest: DigitsManifest }> {
  if (cached && cached.url === urls.bin) return cached;
  const manifestResponse = await fetch(urls.manifest);
  if (!manifestResponse.ok) throw new Error(`the digits manifest could not be loaded (HTTP ${manifestResponse.status})`);
  const manifest = checkDigitsManifest(await manifestResponse.json());
  if (typeof manifest === 'string') throw new Error(`the digits manifest is invalid: ${manifest}`);
  const response = await fetch(urls.bin);
  if (!response.ok || !response.body) throw new Error(`the digits could not be loaded (HTTP ${response.status})`);
  const pixels = new Uint8Array(manifest.byteLength);
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > pixels.length) throw new Error('the digits file is larger than its manifest says');
    pixels.set(value, received);
    received += value.length;
    progress(received / pixels.length);
  }
  if (received !== pixels.length) throw new Error(`the digits file is truncated (${received} of ${pixels.length} bytes)`);
  cached = { url: urls.bin, pixels, manifest };
  return cached;
}
