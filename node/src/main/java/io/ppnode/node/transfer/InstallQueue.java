package io.ppnode.node.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Verified temp files waiting to be renamed into place. They are made durable a batch at a time
 * (one filesystem flush instead of one fsync per file) and only then renamed, so a crash can
 * never leave a target replaced by bytes that are not on disk.
 */
final class InstallQueue {
  static final long MAX_BATCH_BYTES = 64L << 20;
  static final int MAX_BATCH_FILES = 1000;

  /** Renames one durable temp file into place. */
  interface Installer {
    void install(FileJob job) throws IOException;
  }

  private final Path tmpDir;
  private final Installer installer;
  private List<Waiting> batch = new ArrayList<>();
  private long batchBytes;
  private boolean installedAny;

  InstallQueue(Path tmpDir, Installer installer) {
    this.tmpDir = tmpDir;
    this.installer = installer;
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
    for (Waiting w : ready) {
      try {
        installer.install(w.job);
        synchronized (this) {
          installedAny = true;
        }
        w.installed.complete(null);
      } catch (IOException | RuntimeException e) {
        w.installed.completeExceptionally(e);
      }
    }
  }
}
