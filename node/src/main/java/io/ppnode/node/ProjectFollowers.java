package io.ppnode.node;

import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a serving member, one thread per joined project that stays connected to the owner and pulls
 * as soon as the owner publishes (rounds of {@link Membership#follow}), so that an owner's edit
 * reaches it within a second or two rather than at the next timed pull. A lost owner is tried
 * again after a delay that doubles from a second up to a minute.
 */
final class ProjectFollowers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProjectFollowers.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final LocalNode api;
  private final Map<String, Thread> following = new ConcurrentHashMap<>();
  private final CountDownLatch stop = new CountDownLatch(1);

  ProjectFollowers(LocalNode api) {
    this.api = api;
  }

  /** Starts following every joined project in {@code projects} not yet followed. */
  void followJoined(List<ProjectRecord> projects) {
    for (ProjectRecord p : projects) {
      if (p.role() == Role.MEMBER && stop.getCount() > 0) {
        following.computeIfAbsent(p.id(), id -> {
          Thread t = new Thread(() -> run(id, p.name()), "ppnode-follow-" + p.name());
          t.setDaemon(true);
          t.start();
          return t;
        });
      }
    }
  }

  private void run(String projectId, String name) {
    Duration retry = FIRST_RETRY;
    while (stop.getCount() > 0) {
      try {
        api.follow(projectId);
        retry = FIRST_RETRY;
        continue; // a round ended normally (a change pulled, or a keep-alive): watch again at once
      } catch (RuntimeException e) {
        log.debug("following {}: {}; again in {} s", name, e.getMessage(), retry.toSeconds());
      }
      try {
        if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
    }
  }

  /**
   * Stops following. Threads are not interrupted (an interrupt inside H2 breaks the store): one
   * waiting on its owner ends when the node's connections close, one pulling when its pull ends.
   */
  @Override
  public void close() {
    stop.countDown();
  }
}
