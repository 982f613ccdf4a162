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

/**
 * One file being assembled: a temp file in the project's {@code .ppnode/tmp}, chunks written at
 * their offsets as they verify, and the whole-file digest fed in offset order (the caller
 * serialises the chunks of one file). Not thread-safe; one chunk at a time.
 */
final class FileJob implements AutoCloseable {
  final FileEntry entry;
  final Path temp;
  /** Opened on first use, on a disk thread: creating files is slow enough to serialise a pull. */
  private FileChannel out;
  private final MessageDigest whole;
  private final MessageDigest chunk;

  FileJob(FileEntry entry, Path temp) {
    this.entry = entry;
    this.temp = temp;
    this.whole = sha256();
    this.chunk = sha256();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private FileChannel out() throws IOException {
    if (out == null) {
      out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    }
    return out;
  }

  /**
   * Verifies one chunk against its expected hash and, only if it matches, writes it at
   * {@code offset}. Throws {@link ChunkMismatchException} otherwise; nothing is written then.
   */
  void accept(long offset, ChunkHash expected, ByteBuffer[] data) throws IOException {
    chunk.reset();
    for (ByteBuffer b : data) {
      chunk.update(b.duplicate());
    }
    if (!ChunkHash.of(chunk.digest()).equals(expected)) {
      throw new ChunkMismatchException(entry.path(), offset);
    }
    long pos = offset;
    for (ByteBuffer b : data) {
      ByteBuffer w = b.duplicate();
      while (w.hasRemaining()) {
        pos += out().write(w, pos);
      }
    }
    for (ByteBuffer b : data) {
      whole.update(b.duplicate());
    }
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
