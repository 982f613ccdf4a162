package io.ppnode.node.chunk;

import io.ppnode.protocol.FileEntry.ChunkRef;
import java.util.List;

/**
 * Lookups in an index entry's chunk list, which the wire guarantees is in offset order and
 * tiles the file ({@code MessageValidator}): a chunk request names its chunk by offset, and a
 * 1 GiB file has thousands of chunks, so the lookup is a binary search.
 */
public final class ChunkLists {
  private ChunkLists() {}

  /** The chunk that starts at {@code offset}, or null if none does. */
  public static ChunkRef at(List<ChunkRef> chunks, long offset) {
    int lo = 0;
    int hi = chunks.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long o = chunks.get(mid).offset();
      if (o == offset) {
        return chunks.get(mid);
      } else if (o < offset) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }
}
