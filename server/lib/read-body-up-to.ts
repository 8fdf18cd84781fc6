/**
 * A request's body as text, or null when it is larger than `limit` bytes (by its Content-Length, or
 * once that many bytes have arrived), without reading the rest: the REST API and the SCIM server
 * answer 413 rather than hold a caller's whole upload. The stream is released, not cancelled:
 * cancelling destroys the socket, and the 413 with it.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
