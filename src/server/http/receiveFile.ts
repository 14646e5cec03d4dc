// A route's raw file body (an upload, an EDEXML roster): read in a Fastify plugin of its own that
// takes no other body type, after the session was checked (requestContext.ts, docs/decisions/0005-…).
import type { Readable } from 'node:stream';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';

/**
 * Reads the file into one buffer of its declared length as its pieces arrive, so no step copies
 * the whole file at once (Fastify's buffer parser joins all pieces at the end). Too large answers
 * 413 before a byte is read.
 */
export function receiveFile(
  payload: Readable,
  contentLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const length = Number(contentLength);
  if (contentLength === undefined || !Number.isSafeInteger(length) || length < 0) {
    return Promise.reject(new AppError('bad_request', 'Send the file with its Content-Length'));
  }
  if (length > maxBytes) return Promise.reject(new AppError('payload_too_large', 'The file is too large'));
  const content = Buffer.allocUnsafe(length);
  let received = 0;
  return new Promise((resolve, reject) => {
    payload.on('data', (piece: Buffer) => {
      // The HTTP parser stops at the declared length; this keeps the buffer's bounds regardless.
      received += piece.copy(content, received);
    });
    payload.on('end', () =>
      received === length
        ? resolve(content)
        : reject(new AppError('bad_request', 'The file arrived incomplete')),
    );
    payload.on('error', reject);
  });
}

type FileRoutes = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Registers routes that take one raw file as their body, in a plugin of their own: no JSON, no
 * form, no other type, and nothing larger than `maxBytes`.
 */
export async function fileBodyRoutes(
  app: FastifyInstance,
  accepts: { types: string[]; maxBytes: number; refusal: string },
  routes: (upload: FileRoutes) => void,
): Promise<void> {
  await app.register(async (plugin) => {
    const upload = plugin.withTypeProvider<ZodTypeProvider>();
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser(accepts.types, (request: FastifyRequest, payload: Readable) =>
      receiveFile(payload, request.headers['content-length'], accepts.maxBytes),
    );
    upload.addContentTypeParser('*', (_request, _payload, done) =>
      done(new AppError('unsupported_media_type', accepts.refusal), undefined),
    );
    routes(upload);
  });
}
