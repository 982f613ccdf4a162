package io.ppnode.node.transfer;

import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.chunk.Sha256;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.net.PeerConnection;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's pull of one project from one peer: fetch the index since the last applied
 * sequence, make directories, delete what the owner deleted, and assemble every new or changed
 * file from verified chunks, many files and chunks in flight at once within a byte window. Local
 * work is never destroyed: an edited file is kept as a conflict copy, an edited file the owner
 * deleted is left in place. The member's sequence advances only when everything applied.
 */
public final class Puller {
  private static final Logger log = LoggerFactory.getLogger(Puller.class);
  /**
   * Chunk bytes requested but not yet written: bounds memory and keeps the pipe full. 16 MiB
   * rather than 32: on 1 GiB joins (bench/compare.sh's large set, interleaved runs) the member
   * peaked at 242-278 MiB instead of 276-335 and finished no slower (7.2-11.1 s against 8.3-12.2,
   * seven runs each); the window's bytes sit in the heap's old generation until written.
   * 10,000 small files pulled as fast with 8, 16 or 32 MiB.
   */
  static final int WINDOW_BYTES = 16 << 20;
  /** Files open for assembly at once: bounds file descriptors with many small files. */
  static final int OPEN_FILES = 256;
  static final int TEMP_BUCKETS = 16;
  private static final long INDEX_TIMEOUT_S = 300;

  private final Manifest manifest;
  private final Executor disk;
  private final ProgressListener progress;
  private final Clock clock;
  private final Semaphore window = new Semaphore(WINDOW_BYTES);
  private final Semaphore openFiles = new Semaphore(OPEN_FILES);
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong bytesReused = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicInteger filesDone = new AtomicInteger();
  private volatile boolean reporting;
  private final InFlightChunks inFlight;
  /** The project being pulled; set once at the start of {@link #pull}. */
  private volatile String projectId;
  /** What the member had applied before this pull, by path: tells local edits from our own writes. */
  private final Map<String, FileEntry> appliedBefore = new java.util.concurrent.ConcurrentHashMap<>();

  public Puller(Manifest manifest, Executor disk, ProgressListener progress) {
    this(manifest, disk, progress, Clock.systemUTC());
  }

  /** With the clock that dates partial transfers and expires them ({@link TempSweeper#TTL}). */
  public Puller(Manifest manifest, Executor disk, ProgressListener progress, Clock clock) {
    this(manifest, disk, progress, clock, new InFlightChunks());
  }

  /** With the node's list of chunks being assembled, which it serves to other members meanwhile. */
  public Puller(Manifest manifest, Executor disk, ProgressListener progress, Clock clock, InFlightChunks inFlight) {
    this.manifest = manifest;
    this.disk = disk;
    this.progress = progress;
    this.clock = clock;
    this.inFlight = inFlight;
  }

  public PullResult pull(ProjectRecord project, PeerConnection peer) throws IOException {
    try (Swarm ownerOnly = new Swarm(peer, project.id(), disk)) {
      return pull(project, ownerOnly);
    }
  }

  /**
   * Pulls the index from the swarm's owner and the chunks from whichever of its peers has them
   * (members may join the swarm while the pull runs).
   */
  public PullResult pull(ProjectRecord project, Swarm swarm) throws IOException {
    return pull(project, swarm, driftOf(manifest, project, disk));
  }

  /**
   * Starts looking, on {@code disk}, for the files of {@code project} the member changed or
   * deleted locally ({@link LocalDrift}): a caller that starts it before it connects to the owner
   * has the answer by the time the index says whether anything is new.
   */
  public static CompletableFuture<List<FileEntry>> driftOf(Manifest manifest, ProjectRecord project, Executor disk) {
    return CompletableFuture.supplyAsync(() -> LocalDrift.find(manifest, project.id(), project.root()), disk);
  }

  /**
   * As {@link #driftOf(Manifest, ProjectRecord, Executor)}, but nothing at all when {@code watch}
   * knows the folder unchanged since a check that found nothing (a serving member's watch).
   */
  public static CompletableFuture<List<FileEntry>> driftOf(Manifest manifest, ProjectRecord project, Executor disk,
      DriftTracker watch) {
    if (watch.skipCheck(project.id())) {
      return CompletableFuture.completedFuture(List.of());
    }
    return driftOf(manifest, project, disk).whenComplete((found, failed) -> {
      if (failed != null || !found.isEmpty()) {
        watch.changed(project.id()); // what it found must be looked for again until it is put back
      }
    });
  }

  /** As {@link #pull(ProjectRecord, Swarm)}, with the local drift already being looked for. */
  public PullResult pull(ProjectRecord project, Swarm swarm, CompletableFuture<List<FileEntry>> drift)
      throws IOException {
    PeerConnection peer = swarm.owner();
    projectId = project.id();
    long start = System.nanoTime();
    // Pages are worked on as they arrive, each checked against the owner's signatures first:
    // the first page's files are being fetched while later pages are still on the wire.
    IndexPages pages = new IndexPages(INDEX_TIMEOUT_S,
        new IndexPageVerifier(project.id(), project.ownerNodeId(), peer.peerKey()));
    pages.answer(peer.index(project.id(), project.sequence(), pages::arrived));
    Message.IndexPage page = pages.next();
    Path root = project.root();
    Path tmp = SafePaths.resolveInside(root, ".ppnode/tmp");
    // Temp files spread over buckets: creates in one directory serialise on its lock.
    for (int b = 0; b < TEMP_BUCKETS; b++) {
      Files.createDirectories(tmp.resolve(Integer.toHexString(b)));
    }
    // Members are read-only: what was edited or deleted here since it was applied is put back
    // (an edit kept as a conflict copy first), whether or not the owner changed anything.
    List<FileEntry> drifted = joinDrift(drift);
    if (page == null || page.last() && page.files().isEmpty() && page.sequence() == project.sequence()) {
      if (drifted.isEmpty()) {
        // In sync: one round trip, a light query and a stat per file; no file is read.
        new TempSweeper(manifest, clock).sweep(project.id(), tmp, Map.of(), true);
        manifest.setLastSync(project.id(), Instant.now());
        return new PullResult(project.name(), 0, 0, 0, 0, (System.nanoTime() - start) / 1e9, true);
      }
      page = null;
    }
    for (FileEntry e : manifest.files(project.id())) {
      appliedBefore.put(e.path(), e);
    }
    CaseCollisionGuard guard = new CaseCollisionGuard(appliedBefore.values());
    LocalChunkSource elsewhere = new LocalChunkSource(manifest, project.id(), root);
    TransferState state = new TransferState(manifest, project.id(), tmp, clock);
    InstallQueue installs = new InstallQueue(tmp, job -> install(job, root), entries -> {
      manifest.putFiles(project.id(), entries, project.sequence());
      state.installed(entries);
    });

    long ownerSequence = project.sequence();
    Map<String, FileEntry> latest = new LinkedHashMap<>();
    List<FileEntry> done = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = new ArrayList<>();
    List<FileEntry> tombstones = new ArrayList<>();
    boolean changedMidPull = false;
    Fetches fetches = new Fetches(e -> fetch(swarm, state, root, tmp, e, elsewhere), installs);
    List<FileEntry> toFetch = fetches.started;
    List<CompletableFuture<CompletableFuture<Void>>> queued = fetches.queued;
    IOException indexFailure = null;
    while (page != null) {
      ownerSequence = Math.max(ownerSequence, page.sequence());
      List<FileEntry> fresh = new ArrayList<>();
      for (FileEntry e : page.files()) {
        ownerSequence = Math.max(ownerSequence, e.sequence());
        if (latest.putIfAbsent(e.path(), e) == null) {
          fresh.add(e);
          guard.arrive(e);
        } else {
          // Changed on the owner while it was paging: this pull may already be fetching the
          // older version, so the newer one is left to the next pull (the sequence stays).
          changedMidPull = true;
        }
      }
      List<FileEntry> dirs = new ArrayList<>();
      List<FileEntry> pageFiles = new ArrayList<>();
      for (FileEntry e : fresh) {
        String why = guard.collision(e.path());
        if (why != null && e.deleted()) {
          log.warn("{} was deleted on the owner, left in place: {}", e.path(), why);
          done.add(e);
        } else if (why != null) {
          failures.add(why);
        } else if (e.deleted()) {
          tombstones.add(e);
        } else if (e.kind() == FileEntry.Kind.DIRECTORY) {
          dirs.add(e);
        } else {
          FileEntry had = appliedBefore.get(e.path());
          if (LocalFiles.unchangedSince(LocalFiles.stat(root.resolve(e.path())), had) && e.sha256().equals(had.sha256())) {
            done.add(e);
            continue;
          }
          pageFiles.add(e);
        }
      }
      if (page.last()) {
        // The last page tells the totals: the bar starts before its files are fetched, since
        // starting fetches waits for window space and would otherwise hold it back to the end.
        pageFiles.addAll(restorable(drifted, latest, guard, root));
        long pending = fetches.bytes;
        for (FileEntry e : pageFiles) {
          pending += e.size();
        }
        progress.started(project.name(), toFetch.size() + pageFiles.size(), pending);
        reporting = true;
      }
      if (!pageFiles.isEmpty()) {
        swarm.recruit();
        if (swarm.members() > 0) {
          // Members pulling at the same moment then hold different files sooner, to trade.
          // (Each starting at its own place in the list, as chunkOrder does within a file,
          // measured no better here and varied more: members that start close trade little.)
          Collections.shuffle(pageFiles);
        }
      }
      for (FileEntry e : pageFiles) {
        fetches.start(e);
      }
      dirs.sort(Comparator.comparing(FileEntry::path));
      for (FileEntry d : dirs) {
        makeDirectory(root, d);
        done.add(d);
      }
      try {
        page = pages.next();
      } catch (IOException e) {
        indexFailure = e; // the fetches already started still end, each in its own way, below
        page = null;
      }
    }
    if (!reporting) {
      // No last page (in sync but for local drift, or the index failed): start what is left.
      for (FileEntry e : restorable(drifted, latest, guard, root)) {
        fetches.start(e);
      }
      progress.started(project.name(), toFetch.size(), fetches.bytes);
      reporting = true;
    }

    // Every file is assembled, verified and queued before the last, partial batch is installed.
    // Waiting for the verification alone raced: the queueing runs after it completes, and a file
    // queued after finish() was never installed, so the pull waited for it for ever.
    waitAll(queued);
    installs.finish();
    Throwable firstFailure = indexFailure;
    for (int i = 0; i < queued.size(); i++) {
      try {
        queued.get(i).thenCompose(installed -> installed).get();
      } catch (ExecutionException e) {
        failures.add(toFetch.get(i).path() + ": " + rootMessage(e));
        // A dropped peer explains the lost connection that follows it: that cause wins, so
        // the caller does not reconnect to the peer it just dropped.
        Throwable cause = rootCause(e);
        if (firstFailure == null || cause instanceof BadPeerException) {
          firstFailure = cause;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
    if (indexFailure != null) {
      failures.add(0, "the index: " + indexFailure.getMessage());
    }
    int deleted = deleteTombstones(root, tombstones, done);

    boolean complete = failures.isEmpty() && !changedMidPull;
    manifest.putFiles(project.id(), new ArrayList<>(done), complete ? ownerSequence : project.sequence());
    new TempSweeper(manifest, clock).sweep(project.id(), tmp, latest, complete);
    if (!failures.isEmpty()) {
      // The cause tells the caller whether the connection was lost (worth a reconnect) or the
      // disk failed; the message names the first file.
      throw new IOException(failures.size() + " file(s) could not be pulled; first: " + failures.get(0),
          firstFailure);
    }
    manifest.setLastSync(project.id(), Instant.now());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (swarm.members() > 0) {
      log.info("pulled {}: {} chunk bytes from {} other member(s), {} from the owner", project.name(),
          swarm.bytesFromMembers(), swarm.members(), bytesReceived.get() - swarm.bytesFromMembers());
    }
    return new PullResult(project.name(), toFetch.size(), deleted, bytesReceived.get(), bytesReused.get(), seconds,
        complete);
  }

  private void makeDirectory(Path root, FileEntry d) throws IOException {
    Path p = SafePaths.resolveInside(root, d.path());
    BasicFileAttributes a = LocalFiles.stat(p);
    if (a != null && !a.isDirectory()) {
      Path kept = LocalFiles.keepAsConflict(p);
      log.warn("{} is a directory on the owner; the local file was kept as {}", d.path(), root.relativize(kept));
    }
    Files.createDirectories(p);
  }

  /**
   * Fetches one file; the future completes when it is assembled, verified and closed. Chunks an
   * earlier attempt left verified in the temp file are kept; a file that fails keeps its temp
   * file and recorded chunks for the next attempt.
   */
  private CompletableFuture<FileJob> fetch(Swarm swarm, TransferState state, Path root, Path tmp,
      FileEntry f, LocalChunkSource elsewhere) {
    openFiles.acquireUninterruptibly();
    FileJob job;
    Path target;
    Set<Long> kept;
    try {
      target = SafePaths.resolveInside(root, f.path());
      Files.createDirectories(target.getParent());
      String tempName = tempName(f.path());
      kept = state.resumable(f, tempName);
      job = new FileJob(f, tmp, tempName, !kept.isEmpty());
      inFlight.started(projectId, job);
    } catch (IOException | RuntimeException e) {
      openFiles.release();
      return CompletableFuture.failedFuture(e);
    }
    LocalChunks reuse = LocalChunks.open(target, elsewhere);
    // Chunks are independent: each is read locally or fetched, and written at its offset, on
    // whichever disk thread is free, so one large file keeps every disk thread busy.
    List<CompletableFuture<Void>> parts = new ArrayList<>(f.chunks().size());
    for (FileEntry.ChunkRef c : chunkOrder(f, swarm)) {
      if (kept.contains(c.offset())) {
        keep(job, c);
        continue;
      }
      // Local bytes wait in memory for the writer too, so they take window space like fetched ones.
      window.acquireUninterruptibly(c.length());
      CompletableFuture<Void> part = reuse.mayHold(c)
          ? CompletableFuture.supplyAsync(() -> reuse.read(c), disk)
              .thenCompose(local -> local == null ? fetchInto(swarm, state, job, c) : copyInto(job, c, local))
          : fetchInto(swarm, state, job, c);
      parts.add(part.whenComplete((v, err) -> window.release(c.length())));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .handle((v, err) -> {
          reuse.close();
          return firstFailure(parts);
        })
        .thenApplyAsync(failure -> {
          if (failure != null) {
            throw new java.util.concurrent.CompletionException(failure);
          }
          return verify(job);
        }, disk)
        .whenCompleteAsync((v, err) -> {
          openFiles.release();
          if (err != null) {
            inFlight.ended(projectId, job);
            boolean keepTemp = state.keepAfterFailure(job);
            closeQuietly(job);
            if (!keepTemp) {
              TransferState.deleteQuietly(job.temp);
            }
          }
        }, disk);
  }

  /**
   * The order to fetch {@code f}'s chunks in: from the start, or, when other members take part,
   * from a random chunk on and round to it. Members that join at the same moment then start
   * each at its own place in a large file, and each one, arriving where another started, finds
   * those chunks verified there: the owner sends about one copy of the file, not one per member.
   */
  private static List<FileEntry.ChunkRef> chunkOrder(FileEntry f, Swarm swarm) {
    List<FileEntry.ChunkRef> chunks = f.chunks();
    if (chunks.size() < 2 || swarm.members() == 0) {
      return chunks;
    }
    List<FileEntry.ChunkRef> order = new ArrayList<>(chunks);
    Collections.rotate(order, java.util.concurrent.ThreadLocalRandom.current().nextInt(chunks.size()));
    return order;
  }

  /** Fetches a chunk and writes it, verified, at its offset. */
  private CompletableFuture<Void> fetchInto(Swarm swarm, TransferState state, FileJob job, FileEntry.ChunkRef c) {
    return swarm.fetch(job.entry.path(), c).thenAcceptAsync(rc -> {
      try (rc) {
        bytesReceived.addAndGet(c.length());
        write(job, state, c, rc.buffers());
      }
    }, disk);
  }

  /**
   * Writes a chunk copied from this member's own disk. Nothing to lose to a kill, so no
   * checkpoint is due for it (a resume copies it again); only fetched bytes move checkpoints.
   */
  private CompletableFuture<Void> copyInto(FileJob job, FileEntry.ChunkRef c, java.nio.ByteBuffer local) {
    write(job, null, c, new java.nio.ByteBuffer[] {local});
    bytesReused.addAndGet(c.length());
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The failure to report for a file whose chunks all ended: a dropped peer if one was, since it
   * explains the failures that follow it, else the first in the order they were asked for; null if none failed.
   */
  private static Throwable firstFailure(List<CompletableFuture<Void>> parts) {
    Throwable first = null;
    for (CompletableFuture<Void> p : parts) {
      Throwable t = p.handle((v, err) -> err).join();
      if (t != null && rootCause(t) instanceof BadPeerException) {
        return t;
      }
      if (first == null) {
        first = t;
      }
    }
    return first;
  }

  private static void waitAll(List<? extends CompletableFuture<?>> futures) {
    for (CompletableFuture<?> f : futures) {
      try {
        f.join();
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
        // Reported per file by the caller.
      }
    }
  }

  /** Progress goes out only once the totals are known (after the last page); until then it is counted. */
  private void report(int files, long bytes) {
    if (reporting) {
      progress.progress(files, bytes);
    }
  }

  /**
   * The drifted entries to fetch again, each now claimed in {@code latest}: not one the owner's
   * index already brought, not one an earlier attempt restored (the drift was looked for before
   * this pull connected), not one that would collide by case.
   */
  private List<FileEntry> restorable(List<FileEntry> drifted, Map<String, FileEntry> latest, CaseCollisionGuard guard,
      Path root) {
    List<FileEntry> out = new ArrayList<>();
    for (FileEntry e : drifted) {
      boolean still = !LocalFiles.unchangedSince(LocalFiles.stat(root.resolve(e.path())), appliedBefore.get(e.path()));
      if (still && !latest.containsKey(e.path()) && guard.collision(e.path()) == null) {
        latest.put(e.path(), e);
        log.info("{} was changed or deleted locally; restoring the owner's version", e.path());
        out.add(e);
      }
    }
    return out;
  }

  private static List<FileEntry> joinDrift(CompletableFuture<List<FileEntry>> drift) throws IOException {
    try {
      return drift.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IOException("cannot look for local changes: " + rootMessage(e), e.getCause());
    }
  }

  /**
   * Starts the fetch of each file to fetch and keeps, in start order, the files and what the
   * pull waits on: each completes once its file is verified and in the install queue (with the
   * future of the install), so only then may the last batch go.
   */
  private static final class Fetches {
    private final java.util.function.Function<FileEntry, CompletableFuture<FileJob>> fetch;
    private final InstallQueue installs;
    final List<FileEntry> started = new ArrayList<>();
    final List<CompletableFuture<CompletableFuture<Void>>> queued = new ArrayList<>();
    long bytes;

    Fetches(java.util.function.Function<FileEntry, CompletableFuture<FileJob>> fetch, InstallQueue installs) {
      this.fetch = fetch;
      this.installs = installs;
    }

    void start(FileEntry e) {
      started.add(e);
      bytes += e.size();
      queued.add(fetch.apply(e).thenApply(installs::add));
    }
  }

  /** Writes a verified chunk; {@code state} null for a local copy, which takes no checkpoint. */
  private void write(FileJob job, TransferState state, FileEntry.ChunkRef c, java.nio.ByteBuffer[] data) {
    try {
      if (state == null) {
        job.writeLocal(c, data);
      } else {
        job.write(c, data);
      }
      inFlight.written(projectId, job, c.offset());
      if (state != null) {
        state.written(job);
      }
      report(filesDone.get(), bytesDone.addAndGet(c.length()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Counts a chunk an earlier attempt left verified in the temp file. */
  private void keep(FileJob job, FileEntry.ChunkRef c) {
    job.keep(c);
    inFlight.written(projectId, job, c.offset());
    bytesReused.addAndGet(c.length());
    report(filesDone.get(), bytesDone.addAndGet(c.length()));
  }

  private FileJob verify(FileJob job) {
    try {
      job.verify();
      job.close();
      return job;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Renames a durable, verified file into place, keeping a local edit as a conflict copy. */
  private void install(FileJob job, Path root) throws IOException {
    Path target = root.resolve(job.entry.path());
    BasicFileAttributes local = LocalFiles.stat(target);
    if (local != null && !LocalFiles.unchangedSince(local, appliedBefore.get(job.entry.path()))
        && !sameContent(target, job.entry)) {
      Path kept = LocalFiles.keepAsConflict(target);
      log.warn("{} was changed locally; your version is kept as {}", job.entry.path(), root.relativize(kept));
    }
    // Out of the served list before the rename: a member asking after it would be sent to a temp
    // file that is gone, and must look at the applied entries instead.
    inFlight.ended(projectId, job);
    LocalFiles.install(job.temp, target, job.entry);
    report(filesDone.incrementAndGet(), bytesDone.get());
  }

  /** True if a local file that is not what we last applied already holds exactly the owner's bytes. */
  private static boolean sameContent(Path p, FileEntry e) throws IOException {
    BasicFileAttributes a = LocalFiles.stat(p);
    if (a == null || !a.isRegularFile() || a.size() != e.size()) {
      return false;
    }
    return LocalChunks.holdsExactly(p, e);
  }

  private int deleteTombstones(Path root, List<FileEntry> tombstones, List<FileEntry> done)
      throws IOException {
    int deleted = 0;
    // Deepest first, so that a directory is empty by the time its turn comes.
    tombstones.sort(Comparator.comparing(FileEntry::path).reversed());
    for (FileEntry t : tombstones) {
      Path p = SafePaths.resolveInside(root, t.path());
      BasicFileAttributes a = LocalFiles.stat(p);
      FileEntry had = appliedBefore.get(t.path());
      if (a == null) {
        done.add(t);
      } else if (a.isDirectory()) {
        try (var s = Files.list(p)) {
          if (s.findAny().isEmpty()) {
            Files.delete(p);
            deleted++;
          } else {
            log.info("{} was deleted on the owner but still holds local files; left in place", t.path());
          }
        }
        done.add(t);
      } else if (LocalFiles.unchangedSince(a, had)) {
        Files.delete(p);
        deleted++;
        done.add(t);
      } else {
        log.warn("{} was deleted on the owner but changed locally; your version is left in place", t.path());
        done.add(t);
      }
    }
    return deleted;
  }

  /** {@code <bucket>/<hash of path>.part}: stable per path, so a retried file reuses its name. */
  private static String tempName(String path) {
    byte[] h = Sha256.of(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Integer.toHexString(h[0] & (TEMP_BUCKETS - 1)) + "/" + java.util.HexFormat.of().formatHex(h, 0, 12) + ".part";
  }

  static String rootMessage(Throwable t) {
    Throwable c = rootCause(t);
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** {@code t} without the wrappers futures and lambdas put around it. */
  static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && (c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException
        || c instanceof java.io.UncheckedIOException)) {
      c = c.getCause();
    }
    return c;
  }

  private static void closeQuietly(FileJob job) {
    try {
      job.close();
    } catch (IOException ignored) {
      // Already failing; the caller decides whether the temp file stays for a resume.
    }
  }
}
