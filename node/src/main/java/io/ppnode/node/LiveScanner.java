package io.ppnode.node;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.transfer.DriftTracker;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescans an owned project soon after its folder changes: a {@link WatchService} with every
 * directory of the project registered (watches are not recursive on Linux), and a debounce, so
 * that a burst of writes is one scan, {@link #QUIET} after the last event and at most
 * {@link #MAX_DELAY} after the first. What the watcher misses (an overflow, the inotify watch
 * limit, a folder on a network mount) is still caught by the periodic full rescan; an overflow
 * also asks for a scan at once.
 *
 * <p>A joined project's folder is watched too, for the member's own edits: any event there tells
 * the {@link DriftTracker}, so that a pull with nothing changed locally need not stat every file.
 */
final class LiveScanner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveScanner.class);
  static final Duration QUIET = Duration.ofMillis(300);
  static final Duration MAX_DELAY = Duration.ofSeconds(1);

  private record Watched(String projectId, Path root, Path dir, boolean owned) {}

  private record Due(long firstEventNanos, ScheduledFuture<?> scan) {}

  private final WatchService watcher;
  private final Consumer<String> scan;
  private final DriftTracker drift;
  private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
  private final Set<String> projects = ConcurrentHashMap.newKeySet();
  private final Map<String, Due> due = new ConcurrentHashMap<>();
  private final ScheduledExecutorService debounce;
  private final Thread loop;

  /**
   * {@code scan} is given an owned project's id and rescans it; it runs on one thread, never
   * twice at once. {@code drift} hears of every change in a joined project's folder.
   */
  LiveScanner(Consumer<String> scan, DriftTracker drift) throws IOException {
    this.watcher = FileSystems.getDefault().newWatchService();
    this.scan = scan;
    this.drift = drift;
    this.debounce = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ppnode-live-scan");
      t.setDaemon(true);
      return t;
    });
    this.loop = new Thread(this::run, "ppnode-watch");
    loop.setDaemon(true);
    loop.start();
  }

  /** Starts watching every owned project in {@code all} that is not watched yet. */
  void watchOwned(List<ProjectRecord> all) {
    for (ProjectRecord p : all) {
      if (p.role() == Role.OWNER && projects.add(p.id())) {
        registerTree(new Watched(p.id(), p.root(), p.root(), true), p.root());
      }
    }
  }

  /** Starts watching the folder of every joined project in {@code all} that is not watched yet. */
  void watchJoined(List<ProjectRecord> all) {
    for (ProjectRecord p : all) {
      if (p.role() == Role.MEMBER && Files.isDirectory(p.root(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && projects.add(p.id())) {
        // Only a folder watched whole from now on may skip a check; until the first check has
        // run since, the tracker does not count it unchanged.
        if (registerTree(new Watched(p.id(), p.root(), p.root(), false), p.root())) {
          drift.watching(p.id());
        }
      }
    }
  }

  /** Registers {@code top} and every directory below it; false if one could not be. */
  private boolean registerTree(Watched project, Path top) {
    String projectId = project.projectId();
    Path root = project.root();
    boolean owned = project.owned();
    boolean[] incomplete = {false};
    Path state = root.resolve(".ppnode");
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (dir.equals(state)) {
            return FileVisitResult.SKIP_SUBTREE; // our own temp files would wake us forever
          }
          keys.put(dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), new Watched(projectId, root, dir, owned));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // Vanished or unreadable: the scan reports it. A member's unwatched directory could
          // hide an edit, so its folder no longer counts as watched.
          if (owned || !Files.isDirectory(file)) {
            return FileVisitResult.CONTINUE;
          }
          incomplete[0] = true;
          return FileVisitResult.TERMINATE;
        }
      });
    } catch (IOException e) {
      // Out of inotify watches, say: the periodic rescan (or a member's full check) covers it.
      log.warn("cannot watch all of {}: {}; changes there are picked up by the periodic rescan", top, e.getMessage());
      return false;
    }
    return !incomplete[0];
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        Watched w = keys.get(key);
        if (w != null) {
          for (WatchEvent<?> event : key.pollEvents()) {
            onEvent(w, event);
          }
        }
        if (!key.reset()) {
          keys.remove(key); // the directory is gone
          if (w != null && !w.owned() && w.dir().equals(w.root())) {
            drift.unwatched(w.projectId()); // the folder itself: nothing of it is watched now
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  private void onEvent(Watched w, WatchEvent<?> event) {
    if (event.kind() == OVERFLOW) {
      changedIn(w);
      return;
    }
    Path child = w.dir().resolve((Path) event.context());
    if (child.equals(w.root().resolve(".ppnode"))) {
      return;
    }
    if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      // Files made in it before this are seen by the scan, or by the member's next full check.
      if (!registerTree(w, child) && !w.owned()) {
        drift.unwatched(w.projectId());
      }
    }
    changedIn(w);
  }

  private void changedIn(Watched w) {
    if (w.owned()) {
      changed(w.projectId());
    } else {
      drift.changed(w.projectId());
    }
  }

  /** Schedules a scan of the project QUIET from now, but no later than MAX_DELAY after the first event. */
  private void changed(String projectId) {
    long now = System.nanoTime();
    due.compute(projectId, (id, d) -> {
      long first = d == null ? now : d.firstEventNanos();
      if (d != null && !d.scan().cancel(false)) {
        first = now; // it is already running: this event needs a scan of its own
      }
      long delay = Math.min(QUIET.toNanos(), first + MAX_DELAY.toNanos() - now);
      return new Due(first, debounce.schedule(() -> scanNow(id), Math.max(0, delay), TimeUnit.NANOSECONDS));
    });
  }

  private void scanNow(String projectId) {
    due.remove(projectId);
    try {
      scan.accept(projectId);
    } catch (RuntimeException e) {
      log.warn("scan after a change failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    loop.interrupt(); // it only waits on the watch service, never inside H2
    // A scan in progress finishes: interrupting a thread inside H2 closes its file channel
    // and breaks the store for the whole process.
    debounce.shutdown();
    try {
      debounce.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      watcher.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
