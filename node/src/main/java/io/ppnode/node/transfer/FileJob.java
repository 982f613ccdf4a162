package io.ppnode.node.transfer;

import io.ppnode.node.chunk.Sha256;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file being assembled: a temp file in the project's {@code .ppnode/tmp}, with verified
 * chunks written at their offsets. Chunks of one file are fetched, read and verified on several
 * threads at once and written in any order, one write at a time (the kernel takes them one at a
 * time anyway): a large file is then written as fast as the disk allows, not one chunk after the
 * other. The file counts as whole once every chunk of the owner-signed list is in it;
 * since each chunk was verified from the very bytes written, and the list tiles the file (checked
 * when the index arrives), that is the owner's file without a second hash of all of it. A resumed
 * job reopens the temp file of an earlier attempt. Offsets written since the last {@link #force}
 * are remembered, so that only chunks known to be on disk are recorded as verified. Thread-safe.
 */
final class FileJob implements AutoCloseable {
  final FileEntry entry;
  final Path temp;
  /** The temp file's name relative to the project's {@code .ppnode/tmp}, as recorded in H2. */
  final String tempName;
  private final boolean resumed;
  /** Held by the one thread that checkpoints this file ({@link TransferState}); the others write on. */
  final ReentrantLock checkpointing = new ReentrantLock();
  /**
   * Held around each chunk's write. ext4 lets one buffered write into an inode run at a time
   * and the others spin on a CPU while it copies: a CPU profile of a 1 GiB delta pull had four
   * disk threads spend 0.33 s of their 1.3 s in pwrite spinning so. Waiting here, they sleep.
   */
  private final ReentrantLock writing = new ReentrantLock();
  /** Opened on first use, on a disk thread: creating files is slow enough to serialise a pull. */
  private FileChannel out;
  /** The interiors of a large file's chunks go around the page cache; null for the others. */
  private DirectWrites direct;
  private final Set<Long> inPlace = new HashSet<>();
  private final List<Long> unforced = new ArrayList<>();
  private long unforcedBytes;
  /** Written and not yet recorded: the unforced bytes and those of a checkpoint under way. */
  private long unrecordedBytes;
  private boolean wroteAny;

  FileJob(FileEntry entry, Path tmpDir, String tempName, boolean resumed) {
    this.entry = entry;
    this.temp = tmpDir.resolve(tempName);
    this.tempName = tempName;
    this.resumed = resumed;
  }

  /** Whether {@code data} hashes to {@code expected}. */
  static boolean matches(ChunkHash expected, ByteBuffer[] data) {
    MessageDigest md = Sha256.newDigest();
    for (ByteBuffer b : data) {
      md.update(b.duplicate());
    }
    return ChunkHash.of(md.digest()).equals(expected);
  }

  private synchronized FileChannel out() throws IOException {
    if (out == null) {
      out = resumed
          ? FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)
          : FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
      direct = DirectWrites.open(temp, entry.size()).orElse(null);
    }
    return out;
  }

  /** Writes a fetched chunk the caller has verified ({@link #matches}) at its offset. */
  void write(FileEntry.ChunkRef c, ByteBuffer[] data) throws IOException {
    write(c, data, true);
  }

  /**
   * Writes a chunk copied, verified, from this member's own disk. Its offset is forced and
   * recorded with the next checkpoint like any other, but its bytes do not bring a checkpoint
   * nearer: a kill costs a local copy nothing on the wire, and forcing a file whose new copy is
   * mostly local bytes, mid-way, only makes a writer wait for the disk.
   */
  void writeLocal(FileEntry.ChunkRef c, ByteBuffer[] data) throws IOException {
    write(c, data, false);
  }

  private void write(FileEntry.ChunkRef c, ByteBuffer[] data, boolean fetched) throws IOException {
    FileChannel channel = out();
    long pos = c.offset();
    if (direct != null) {
      direct.write(channel, pos, c.length(), data, writing);
    } else {
      writing.lock();
      try {
        writeBuffered(channel, pos, data);
      } finally {
        writing.unlock();
      }
    }
    synchronized (this) {
      inPlace.add(c.offset());
      wroteAny = true;
      unforced.add(c.offset());
      if (fetched) {
        unforcedBytes += c.length();
        unrecordedBytes += c.length();
      }
    }
  }

  private static void writeBuffered(FileChannel channel, long pos, ByteBuffer[] data) throws IOException {
    for (ByteBuffer b : data) {
      ByteBuffer w = b.duplicate();
      while (w.hasRemaining()) {
        pos += channel.write(w, pos); // positional: chunks may land in any order
      }
    }
  }

  /** Counts a chunk an earlier attempt left in the temp file, which {@link TransferState} checked again. */
  synchronized void keep(FileEntry.ChunkRef c) {
    inPlace.add(c.offset());
  }

  /** Offsets one {@link #force} made durable, and their bytes. */
  record Forced(List<Long> offsets, long bytes) {}

  /** Fetched bytes written since the last {@link #force}. */
  synchronized long unforcedBytes() {
    return unforcedBytes;
  }

  /** Fetched bytes written and not yet {@link #settled}: what a kill now would cost. */
  synchronized long unrecordedBytes() {
    return unrecordedBytes;
  }

  synchronized boolean wroteAny() {
    return wroteAny;
  }

  /**
   * Forces written chunks to disk and returns their offsets, which are then safe to record. A
   * chunk written while the force runs is left for the next one: it may not be covered.
   */
  Forced force() throws IOException {
    Forced forced;
    synchronized (this) {
      if (unforced.isEmpty()) {
        return new Forced(List.of(), 0);
      }
      forced = new Forced(List.copyOf(unforced), unforcedBytes);
      unforced.clear();
      unforcedBytes = 0;
    }
    try {
      out().force(false);
    } catch (IOException e) {
      synchronized (this) {
        unforced.addAll(forced.offsets()); // not known to be on disk: not to be recorded
        unforcedBytes += forced.bytes();
      }
      throw e;
    }
    return forced;
  }

  /** The checkpoint of {@code forced} ended, recorded or not: its bytes no longer wait. */
  synchronized void settled(Forced forced) {
    unrecordedBytes -= forced.bytes();
  }

  /**
   * Checks that every chunk of the entry is in the temp file. Durability is the {@link
   * InstallQueue}'s job: it flushes many files at once before any of them is renamed into place.
   */
  void verify() throws IOException {
    FileChannel channel = out(); // an empty file has no chunks, but its temp file must exist to be renamed
    synchronized (this) {
      if (inPlace.size() != entry.chunks().size()) {
        throw new IOException("assembled " + entry.path() + " is missing "
            + (entry.chunks().size() - inPlace.size()) + " chunk(s)");
      }
    }
    if (channel.size() != entry.size()) {
      throw new IOException("assembled " + entry.path() + " has " + channel.size() + " bytes, not " + entry.size());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (direct != null) {
        direct.close();
      }
    } finally {
      if (out != null) {
        out.close();
      }
    }
  }
}
