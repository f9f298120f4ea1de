/** Which seqs of one segment are acknowledged: a growable bitset from the segment's first seq. */
export interface AckBits {
  /** Marks seq acknowledged; true when it was not already. */
  set(seq: number): boolean;
  has(seq: number): boolean;
}

export function createAckBits(firstSeq: number): AckBits {
  let bits = new Uint8Array(1024);
  return {
    set(seq) {
      const i = seq - firstSeq;
      if (i < 0) return false;
      const byte = i >>> 3;
      if (byte >= bits.length) {
        const grown = new Uint8Array(Math.max(bits.length * 2, byte + 1));
        grown.set(bits);
        bits = grown;
      }
      const mask = 1 << (i & 7);
      if ((bits[byte]! & mask) !== 0) return false;
      bits[byte]! |= mask;
      return true;
    },
    has(seq) {
      const i = seq - firstSeq;
      if (i < 0) return false;
      return ((bits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
    },
  };
}
