package io.ppnode.node.transfer;

import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.PartialTransfer;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull's record of which chunks of which multi-chunk files are verified on disk, kept in H2
 * so that a member killed mid-file resumes where it was. Chunks are recorded in checkpoints, not
 * one by one: once {@link #CHECKPOINT_BYTES} were fetched into a file, or {@link #CHECKPOINT_NANOS}
 * passed since its last checkpoint and a fetched chunk was written, the temp file is forced and
 * the chunks written before the force (copied locally or fetched) are recorded in one
 * transaction. Local copies alone never bring a checkpoint: they cost a kill nothing on the wire.
 * A file's chunks are written on several threads, which go on writing while one of them
 * checkpoints, up to {@link #MAX_UNRECORDED_BYTES} fetched: a kill therefore re-fetches at most
 * that many bytes per file, on top of the chunks in flight. Single-chunk files record nothing: a
 * lost one costs one chunk, and their installs are already recorded a batch at a time.
 */
final class TransferState {
  private static final Logger log = LoggerFactory.getLogger(TransferState.class);
  /**
   * 8 MiB, so that what a kill may cost ({@link #MAX_UNRECORDED_BYTES}) is one in-flight window
   * (Puller.WINDOW_BYTES). Twice as many forces as with 16 MiB measured no slower on 1 GiB joins
   * (10.3-12.2 s against 10.7-11.2 s, interleaved, this VM's disk).
   */
  static final long CHECKPOINT_BYTES = 8L << 20;
  static final long CHECKPOINT_NANOS = 1_000_000_000L;
  /** Written but not yet recorded, per file, at most (plus the chunks being written meanwhile). */
  static final long MAX_UNRECORDED_BYTES = 2 * CHECKPOINT_BYTES;

  private final Manifest manifest;
  private final String projectId;
  private final Path tmpDir;
  private final Clock clock;
  /** Paths with a transfer row: forgotten once installed. Small files never land here. */
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Long> lastCheckpoint = new ConcurrentHashMap<>();

  TransferState(Manifest manifest, String projectId, Path tmpDir, Clock clock) {
    this.manifest = manifest;
    this.projectId = projectId;
    this.tmpDir = tmpDir;
    this.clock = clock;
  }

  static boolean tracks(FileEntry f) {
    return f.chunks().size() > 1;
  }

  /**
   * The offsets of {@code f} an earlier attempt left verified in {@code tempName}, each read and
   * hashed again here; empty when there is nothing to resume. A transfer recorded for another
   * entry of the path (the owner's file changed) is dropped with its temp file at once.
   */
  Set<Long> resumable(FileEntry f, String tempName) {
    if (!tracks(f)) {
      return Set.of();
    }
    PartialTransfer t = manifest.partialTransfer(projectId, f.path()).orElse(null);
    if (t == null) {
      return Set.of();
    }
    recorded.add(f.path());
    Path temp = tmpDir.resolve(t.temp());
    if (!t.sha256().equals(f.sha256()) || t.sequence() != f.sequence() || !t.temp().equals(tempName)) {
      log.debug("{} changed on the owner since its partial transfer; starting over", f.path());
      manifest.forgetTransfers(projectId, List.of(f.path()));
      deleteQuietly(temp);
      return Set.of();
    }
    Set<Long> kept = new HashSet<>();
    try (FileChannel in = FileChannel.open(temp, StandardOpenOption.READ)) {
      for (FileEntry.ChunkRef c : f.chunks()) {
        if (t.verifiedOffsets().contains(c.offset()) && LocalChunks.readVerified(in, c.offset(), c) != null) {
          kept.add(c.offset());
        }
      }
    } catch (IOException e) {
      log.debug("cannot reopen the temp file of {}: {}; starting over", f.path(), e.getMessage());
      return Set.of();
    }
    return kept;
  }

  /** Called after each fetched chunk written to {@code job}; forces and records when a checkpoint is due. */
  void written(FileJob job) throws IOException {
    if (!tracks(job.entry)) {
      return;
    }
    long now = System.nanoTime();
    long last = lastCheckpoint.computeIfAbsent(job.entry.path(), p -> now);
    if (job.unforcedBytes() < CHECKPOINT_BYTES && now - last < CHECKPOINT_NANOS) {
      return;
    }
    // Chunks of one file are written on several threads: one of them checkpoints, the others
    // write on meanwhile instead of queueing behind its force, until twice a checkpoint's bytes
    // wait unrecorded; then they wait too, so that a kill loses at most that much written.
    if (job.unrecordedBytes() >= MAX_UNRECORDED_BYTES) {
      job.checkpointing.lock();
    } else if (!job.checkpointing.tryLock()) {
      return;
    }
    try {
      checkpoint(job);
      lastCheckpoint.put(job.entry.path(), now);
    } finally {
      job.checkpointing.unlock();
    }
  }

  /** Forces what {@code job} wrote and records it; also how a failing file keeps its progress. */
  void checkpoint(FileJob job) throws IOException {
    job.checkpointing.lock();
    try {
      FileJob.Forced forced = job.force();
      if (forced.offsets().isEmpty()) {
        return;
      }
      try {
        FileEntry f = job.entry;
        PartialTransfer t = new PartialTransfer(f.path(), f.sha256(), f.sequence(), job.tempName, null, Set.of());
        manifest.recordVerifiedChunks(projectId, t, forced.offsets(), clock.instant());
        recorded.add(f.path());
      } finally {
        job.settled(forced);
      }
    } finally {
      job.checkpointing.unlock();
    }
  }

  /** After a failure: whether the temp file holds recorded progress and must be kept for resume. */
  boolean keepAfterFailure(FileJob job) {
    if (!tracks(job.entry) || !job.wroteAny() && !recorded.contains(job.entry.path())) {
      return false;
    }
    try {
      checkpoint(job);
    } catch (IOException | RuntimeException e) {
      // Chunks recorded earlier stay valid; these are fetched again.
      log.debug("could not record the last chunks of {}: {}", job.entry.path(), e.getMessage());
    }
    return recorded.contains(job.entry.path());
  }

  /** Drops the transfer rows of installed files; no transaction at all for a batch of small files. */
  void installed(List<FileEntry> entries) {
    List<String> paths = entries.stream().map(FileEntry::path).filter(recorded::remove).toList();
    if (!paths.isEmpty()) {
      manifest.forgetTransfers(projectId, paths);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // A leftover temp file is harmless: the sweep removes it after its TTL.
    }
  }
}
