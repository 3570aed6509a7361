import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map'])

/** A file ready to send. */
export interface StaticFile {
  body: Buffer
  /** Gzip of the body when that is worth it (text types), computed once per file version. */
  gzip: Buffer | undefined
  contentType: string
  etag: string
  cacheControl: string
}

/**
 * Serves files from one folder (the built dashboard) without ever leaving it: the path is
 * decoded once, `..` segments, NUL bytes and backslashes are refused, and the resolved path must
 * stay below the root. Files are kept in memory (the dashboard is a few hundred KB) and
 * re-read when their modification time changes, so a rebuild needs no restart.
 * Vite names assets by content hash (`/assets/x-3f9a.js`): those are cached for a year;
 * everything else (index.html) is revalidated on each load.
 */
export class StaticFiles {
  private readonly root: string
  private readonly cache = new Map<string, { mtimeMs: number; file: StaticFile }>()

  constructor(root: string) {
    this.root = resolve(root)
  }

  /** The file for a URL path (`/assets/app.js`), or undefined when there is none or the path is unsafe. */
  async get(urlPath: string): Promise<StaticFile | undefined> {
    const relative = safeRelativePath(urlPath)
    if (relative === undefined || relative === '') return undefined
    const path = join(this.root, relative)
    if (!path.startsWith(this.root + sep)) return undefined
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) return undefined
    const cached = this.cache.get(path)
    if (cached && cached.mtimeMs === info.mtimeMs) return cached.file
    const body = await readFile(path)
    const ext = extname(path).toLowerCase()
    const file: StaticFile = {
      body,
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : undefined,
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      cacheControl: relative.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    }
    this.cache.set(path, { mtimeMs: info.mtimeMs, file })
    return file
  }
}

/**
 * The path below the root that a URL path names, or undefined when it tries to leave the root
 * or is malformed. Decodes percent escapes once (so `%2e%2e%2f` is caught as `../`).
 */
export function safeRelativePath(urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '')
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.some((s) => s === '..')) return undefined
  return segments.join(sep)
}
