import type { CacheItem, CacheProvider } from '@node-saml/node-saml';

/** Remembered AuthnRequest ids (for InResponseTo); a Map without timers so a closed org leaves nothing running. */
export function createRequestIdCache(max = 1000): CacheProvider {
  const items = new Map<string, CacheItem>();
  return {
    saveAsync: async (key, value) => {
      // Oldest first out: a flood of login clicks cannot grow memory without bound.
      if (items.size >= max) items.delete(items.keys().next().value!);
      const item = { value, createdAt: Date.now() };
      items.set(key, item);
      return item;
    },
    getAsync: async (key) => items.get(key)?.value ?? null,
    removeAsync: async (key) => {
      if (key === null || !items.has(key)) return null;
      items.delete(key);
      return key;
    },
  };
}
