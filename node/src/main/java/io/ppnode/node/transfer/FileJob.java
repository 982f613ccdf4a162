package io.ppnode.node.transfer;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * One file being assembled: a temp file in the project's {@code .ppnode/tmp}, verified chunks
 * written at their offsets, and the whole-file digest fed in offset order (the caller serialises
 * the chunks of one file). A resumed job reopens the temp file of an earlier attempt and feeds
 * the chunks it kept from there. Offsets written since the last {@link #force} are remembered,
 * so that only chunks known to be on disk are recorded as verified. Not thread-safe.
 */
final class FileJob implements AutoCloseable {
  final FileEntry entry;
  final Path temp;
  /** The temp file's name relative to the project's {@code .ppnode/tmp}, as recorded in H2. */
  final String tempName;
  private final boolean resumed;
  /** Opened on first use, on a disk thread: creating files is slow enough to serialise a pull. */
  private FileChannel out;
  private final MessageDigest whole;
  private final List<Long> unforced = new ArrayList<>();
  private long unforcedBytes;
  private boolean wroteAny;

  FileJob(FileEntry entry, Path tmpDir, String tempName, boolean resumed) {
    this.entry = entry;
    this.temp = tmpDir.resolve(tempName);
    this.tempName = tempName;
    this.resumed = resumed;
    this.whole = sha256();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Whether {@code data} hashes to {@code expected}. */
  static boolean matches(ChunkHash expected, ByteBuffer[] data) {
    MessageDigest md = sha256();
    for (ByteBuffer b : data) {
      md.update(b.duplicate());
    }
    return ChunkHash.of(md.digest()).equals(expected);
  }

  private FileChannel out() throws IOException {
    if (out == null) {
      out = resumed
          ? FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)
          : FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
    }
    return out;
  }

  /** Writes a chunk the caller has verified ({@link #matches}) at its offset. */
  void write(FileEntry.ChunkRef c, ByteBuffer[] data) throws IOException {
    long pos = c.offset();
    for (ByteBuffer b : data) {
      ByteBuffer w = b.duplicate();
      while (w.hasRemaining()) {
        pos += out().write(w, pos);
      }
    }
    for (ByteBuffer b : data) {
      whole.update(b.duplicate());
    }
    wroteAny = true;
    unforced.add(c.offset());
    unforcedBytes += c.length();
  }

  /**
   * Feeds a chunk an earlier attempt left in the temp file into the whole-file digest, checking
   * it once more: the temp file is ours, but a disk can lie.
   */
  void keep(FileEntry.ChunkRef c) throws IOException {
    ByteBuffer kept = LocalChunks.readVerified(out(), c.offset(), c);
    if (kept == null) {
      throw new ChunkMismatchException(entry.path(), c.offset());
    }
    whole.update(kept);
  }

  /** Bytes written since the last {@link #force}. */
  long unforcedBytes() {
    return unforcedBytes;
  }

  boolean wroteAny() {
    return wroteAny;
  }

  /** Forces written chunks to disk and returns their offsets, which are then safe to record. */
  List<Long> force() throws IOException {
    if (unforced.isEmpty()) {
      return List.of();
    }
    out().force(false);
    List<Long> forced = List.copyOf(unforced);
    unforced.clear();
    unforcedBytes = 0;
    return forced;
  }

  /**
   * Checks the whole file's digest. Durability is the {@link InstallQueue}'s job: it flushes
   * many files at once before any of them is renamed into place.
   */
  void verify() throws IOException {
    out(); // an empty file has no chunks, but its temp file must exist to be renamed
    ChunkHash got = ChunkHash.of(whole.digest());
    if (!got.equals(entry.sha256())) {
      throw new IOException("assembled " + entry.path() + " does not match the owner's digest");
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
