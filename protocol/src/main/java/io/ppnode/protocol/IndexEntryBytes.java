package io.ppnode.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes of one index entry, which the owner signs and every member verifies
 * (docs/protocol.md section 4.1). JSON is not signed because it has many spellings of one value;
 * these bytes have exactly one. Everything but the signature itself is covered, and the project
 * id too, so an entry cannot be replayed into another project.
 *
 * <pre>
 * context   "ppnode-index-entry-v1" (21 ASCII bytes)
 * project   u8 length | ASCII
 * path      u16 length | UTF-8 (NFC)
 * kind      u8: 0 FILE, 1 DIRECTORY
 * size      u64
 * mtime     i64
 * mode      u16
 * sha256    u8 0 (absent) | u8 1, [32]
 * sequence  u64
 * deleted   u8: 0 or 1
 * chunks    u32 count | count x (offset u64 | length u32 | sha256 [32])
 * </pre>
 */
public final class IndexEntryBytes {
  public static final byte[] CONTEXT = "ppnode-index-entry-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK_BYTES = 8 + 4 + ChunkHash.LENGTH;

  private IndexEntryBytes() {}

  /** The bytes to sign for {@code entry} of {@code project}; the entry's signature is ignored. */
  public static byte[] of(String project, FileEntry entry) {
    byte[] projectBytes = project.getBytes(StandardCharsets.US_ASCII);
    byte[] path = entry.path().getBytes(StandardCharsets.UTF_8);
    if (projectBytes.length > 0xff || path.length > 0xffff) {
      throw new IllegalArgumentException("project id or path too long to sign");
    }
    int size = CONTEXT.length + 1 + projectBytes.length + 2 + path.length + 1 + 8 + 8 + 2
        + 1 + (entry.sha256() == null ? 0 : ChunkHash.LENGTH) + 8 + 1 + 4
        + entry.chunks().size() * CHUNK_BYTES;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(CONTEXT);
    b.put((byte) projectBytes.length).put(projectBytes);
    b.putShort((short) path.length).put(path);
    b.put((byte) (entry.kind() == FileEntry.Kind.FILE ? 0 : 1));
    b.putLong(entry.size()).putLong(entry.mtime()).putShort((short) entry.mode());
    if (entry.sha256() == null) {
      b.put((byte) 0);
    } else {
      b.put((byte) 1).put(entry.sha256().bytes());
    }
    b.putLong(entry.sequence());
    b.put((byte) (entry.deleted() ? 1 : 0));
    b.putInt(entry.chunks().size());
    for (FileEntry.ChunkRef c : entry.chunks()) {
      b.putLong(c.offset()).putInt(c.length()).put(c.sha256().bytes());
    }
    return b.array();
  }
}
