/**
 * The cache of rendered Mermaid diagrams, kept by the extension host so a diagram rendered once
 * (same source, same theme) is shown again without Mermaid, also after a window reload.
 * Plain TypeScript: the storage is injected (files under `globalStorageUri` in the extension,
 * a map in tests). Bounded by entry count and total bytes; the oldest writes go first.
 */
import { createHash } from 'crypto';

/** Where cache entries live. Keys are hex digests, safe as file names. */
export interface DiagramStore {
  read(key: string): Promise<string | undefined>;
  write(key: string, svg: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every stored entry with its size in bytes and last write time (ms). */
  list(): Promise<{ key: string; size: number; mtime: number }[]>;
}

/** Limits of the cache. */
export interface DiagramCacheLimits {
  /** Most entries kept in the store. */
  maxEntries: number;
  /** Most bytes kept in the store, all entries together. */
  maxBytes: number;
  /** A rendering larger than this is not cached. */
  maxEntryBytes: number;
  /** Entries also kept in memory, for re-opens without a read. */
  memoryEntries: number;
}

export const DEFAULT_CACHE_LIMITS: DiagramCacheLimits = { maxEntries: 200, maxBytes: 8_000_000, maxEntryBytes: 1_000_000, memoryEntries: 64 };

/** The cache key of a diagram: a digest of the theme fingerprint and the Mermaid source. */
export function diagramKey(theme: string, source: string): string {
  return createHash('sha256').update(theme).update('\0').update(source).digest('hex');
}

/** A bounded, persistent map from (theme, source) to rendered SVG. Never throws: a failing store is a miss. */
export class DiagramCache {
  private readonly memory = new Map<string, string>();
  /**
   * What the store holds as far as this cache knows: the last listing plus the writes since
   * (an overwrite counts as a new entry, which only trims sooner). Undefined before the first listing.
   */
  private known: { entries: number; bytes: number } | undefined;

  constructor(
    private readonly store: DiagramStore | undefined,
    private readonly limits: DiagramCacheLimits = DEFAULT_CACHE_LIMITS,
  ) {}

  async get(theme: string, source: string): Promise<string | undefined> {
    const key = diagramKey(theme, source);
    const hit = this.memory.get(key);
    if (hit !== undefined) {
      this.remember(key, hit);
      return hit;
    }
    const stored = await this.store?.read(key).catch(() => undefined);
    if (stored !== undefined && stored.startsWith('<svg')) this.remember(key, stored);
    return stored?.startsWith('<svg') ? stored : undefined;
  }

  async put(theme: string, source: string, svg: string): Promise<void> {
    if (!svg.startsWith('<svg') || svg.length > this.limits.maxEntryBytes) return;
    const key = diagramKey(theme, source);
    if (this.memory.get(key) === svg) return;
    this.remember(key, svg);
    if (!this.store) return;
    try {
      await this.store.write(key, svg);
      // Trimming lists the store, so it runs only when the known contents may pass a limit; it then
      // trims to 90% of the limits, so a full cache lists once per tenth of its size, never beyond its bounds.
      if (this.known) {
        this.known.entries++;
        this.known.bytes += Buffer.byteLength(svg);
      }
      if (!this.known || this.known.entries > this.limits.maxEntries || this.known.bytes > this.limits.maxBytes) await this.trim();
    } catch {
      // A cache that cannot be written only costs a re-render.
    }
  }

  /** Forgets every entry, stored and in memory. */
  async clear(): Promise<void> {
    this.memory.clear();
    if (!this.store) return;
    for (const e of await this.store.list().catch(() => [])) await this.store.delete(e.key).catch(() => undefined);
    this.known = undefined;
  }

  /** Removes the oldest entries until the store is within 90% of its limits. */
  async trim(): Promise<void> {
    if (!this.store) return;
    const entries = (await this.store.list()).sort((a, b) => b.mtime - a.mtime);
    const maxEntries = Math.min(this.limits.maxEntries, Math.max(1, Math.floor(this.limits.maxEntries * 0.9)));
    const maxBytes = Math.floor(this.limits.maxBytes * 0.9);
    let bytes = 0;
    let kept = 0;
    let keptBytes = 0;
    for (const [i, e] of entries.entries()) {
      bytes += e.size;
      if (i >= maxEntries || bytes > maxBytes) {
        this.memory.delete(e.key);
        await this.store.delete(e.key).catch(() => undefined);
      } else {
        kept++;
        keptBytes += e.size;
      }
    }
    this.known = { entries: kept, bytes: keptBytes };
  }

  private remember(key: string, svg: string): void {
    this.memory.delete(key);
    this.memory.set(key, svg);
    while (this.memory.size > this.limits.memoryEntries) this.memory.delete(this.memory.keys().next().value!);
  }
}
