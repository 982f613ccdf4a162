package io.ppnode.node.share;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Members waiting to hear that a project's sequence passed the one they hold (INDEX_WATCH, a long
 * poll). Every scan that publishes wakes the waiters of its project, which is how a change on
 * the owner reaches connected members within a second; a waiter nothing wakes is answered with
 * the unchanged sequence after {@link #KEEP_ALIVE}, so an idle connection still carries a frame
 * each way and a dead one is noticed.
 */
final class SequenceWatchers {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(50);

  private record Waiter(long since, CompletableFuture<Long> answer) {}

  private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

  /** Completes once {@code current} of {@code project} is above {@code since}, or at the keep-alive. */
  CompletableFuture<Long> await(String project, long since, LongSupplier current) {
    CompletableFuture<Long> answer = new CompletableFuture<>();
    List<Waiter> list = waiting.computeIfAbsent(project, k -> new CopyOnWriteArrayList<>());
    Waiter w = new Waiter(since, answer);
    list.add(w);
    answer.whenComplete((s, e) -> list.remove(w));
    // Read after registering: a scan that lands in between is seen here or wakes the waiter.
    long now = current.getAsLong();
    if (now > since) {
      answer.complete(now);
    } else {
      CompletableFuture.delayedExecutor(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> answer.complete(current.getAsLong()));
    }
    return answer;
  }

  /** {@code project} now stands at {@code sequence}: wakes everyone who has less. */
  void published(String project, long sequence) {
    for (Waiter w : waiting.getOrDefault(project, List.of())) {
      if (sequence > w.since()) {
        w.answer().complete(sequence);
      }
    }
  }
}
