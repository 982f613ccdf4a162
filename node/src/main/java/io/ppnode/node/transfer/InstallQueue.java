package io.ppnode.node.transfer;

import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Verified temp files waiting to be renamed into place. They are made durable a batch at a time
 * (one filesystem flush instead of one fsync per file) and only then renamed, so a crash can
 * never leave a target replaced by bytes that are not on disk. Each installed batch is recorded
 * in the member's manifest at once, so a pull cut short resumes without fetching those files.
 */
final class InstallQueue {
  static final long MAX_BATCH_BYTES = 64L << 20;
  static final int MAX_BATCH_FILES = 1000;

  /** Renames one durable temp file into place. */
  interface Installer {
    void install(FileJob job) throws IOException;
  }

  /** Told, once per batch, which entries are now in place: the member's manifest records them. */
  interface Recorder {
    void installed(List<FileEntry> entries);
  }

  private final Path tmpDir;
  private final Installer installer;
  private final Recorder recorder;
  private List<Waiting> batch = new ArrayList<>();
  private long batchBytes;
  private boolean installedAny;

  InstallQueue(Path tmpDir, Installer installer, Recorder recorder) {
    this.tmpDir = tmpDir;
    this.installer = installer;
    this.recorder = recorder;
  }

  private record Waiting(FileJob job, CompletableFuture<Void> installed) {}

  /** Queues a verified, closed file; completes once it is durable and in place. May flush. */
  CompletableFuture<Void> add(FileJob job) {
    CompletableFuture<Void> installed = new CompletableFuture<>();
    List<Waiting> full = null;
    synchronized (this) {
      batch.add(new Waiting(job, installed));
      batchBytes += job.entry.size();
      if (batch.size() >= MAX_BATCH_FILES || batchBytes >= MAX_BATCH_BYTES) {
        full = take();
      }
    }
    if (full != null) {
      install(full);
    }
    return installed;
  }

  /** Installs whatever is queued, then flushes the renames themselves if anything was installed. */
  void finish() {
    List<Waiting> rest;
    synchronized (this) {
      rest = take();
    }
    install(rest);
    if (installedAny) {
      Durability.flushFilesystem(tmpDir);
    }
  }

  private List<Waiting> take() {
    List<Waiting> out = batch;
    batch = new ArrayList<>();
    batchBytes = 0;
    return out;
  }

  private void install(List<Waiting> ready) {
    if (ready.isEmpty()) {
      return;
    }
    try {
      List<Path> temps = new ArrayList<>();
      ready.forEach(w -> temps.add(w.job.temp));
      Durability.flush(tmpDir, temps);
    } catch (IOException e) {
      ready.forEach(w -> w.installed.completeExceptionally(e));
      return;
    }
    List<Waiting> placed = new ArrayList<>();
    for (Waiting w : ready) {
      try {
        installer.install(w.job);
        placed.add(w);
      } catch (IOException | RuntimeException e) {
        w.installed.completeExceptionally(e);
      }
    }
    if (placed.isEmpty()) {
      return;
    }
    synchronized (this) {
      installedAny = true;
    }
    try {
      List<FileEntry> entries = new ArrayList<>();
      placed.forEach(w -> entries.add(w.job.entry));
      recorder.installed(entries);
      placed.forEach(w -> w.installed.complete(null));
    } catch (RuntimeException e) {
      placed.forEach(w -> w.installed.completeExceptionally(e));
    }
  }
}
