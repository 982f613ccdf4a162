package io.ppnode.node.transfer;

import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.PartialTransfer;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temp files and transfer rows of pulls that will not resume. A transfer whose entry
 * the owner has since changed or deleted goes at once; one whose fate is unknown (the pull failed
 * before the index said) goes once it made no progress for {@link #TTL}. Temp files no row names
 * (a single-chunk file cut short, or rows gone with a left project) go after the same TTL, by
 * modification time.
 */
final class TempSweeper {
  private static final Logger log = LoggerFactory.getLogger(TempSweeper.class);
  /** How long a stalled partial transfer is kept for a resume (README, "Resume and integrity"). */
  static final Duration TTL = Duration.ofHours(24);

  private final Manifest manifest;
  private final Clock clock;

  TempSweeper(Manifest manifest, Clock clock) {
    this.manifest = manifest;
    this.clock = clock;
  }

  /**
   * Sweeps the project's transfers and its {@code tmpDir} after a pull. {@code ownerEntries}
   * holds the owner's entries this pull learnt: a different one (or a tombstone) ends the
   * transfer of that path now. After a {@code complete} pull nothing is left to resume, so every
   * remaining transfer and temp file goes.
   */
  void sweep(String projectId, Path tmpDir, Map<String, FileEntry> ownerEntries, boolean complete) {
    Instant expired = complete ? Instant.MAX : clock.instant().minus(TTL);
    List<String> gone = new ArrayList<>();
    Set<String> liveTemps = new HashSet<>();
    for (PartialTransfer t : manifest.partialTransfers(projectId)) {
      FileEntry now = ownerEntries.get(t.path());
      boolean changed = now != null
          && (now.deleted() || !now.sha256().equals(t.sha256()) || now.sequence() != t.sequence());
      if (changed || t.touched().isBefore(expired)) {
        gone.add(t.path());
        TransferState.deleteQuietly(tmpDir.resolve(t.temp()));
      } else {
        liveTemps.add(t.temp());
      }
    }
    if (!gone.isEmpty()) {
      manifest.forgetTransfers(projectId, gone);
      log.debug("removed {} partial transfer(s) that will not resume", gone.size());
    }
    removeStaleTemps(tmpDir, liveTemps, expired);
  }

  private static void removeStaleTemps(Path tmpDir, Set<String> liveTemps, Instant expired) {
    if (!Files.isDirectory(tmpDir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tmpDir, 2)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = tmpDir.relativize(p).toString().replace('\\', '/');
        if (!liveTemps.contains(name) && Files.getLastModifiedTime(p).toInstant().isBefore(expired)) {
          TransferState.deleteQuietly(p);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      log.debug("could not sweep {}: {}", tmpDir, e.getMessage());
    }
  }
}
