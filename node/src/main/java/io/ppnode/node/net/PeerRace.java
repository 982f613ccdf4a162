package io.ppnode.node.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection attempts to one peer racing each other: the first that completes (TLS done, id
 * proven, HELLO exchanged) wins and every later winner is closed at once. Fails, naming every
 * route and why it failed, when all attempts have failed or the deadline passes.
 */
final class PeerRace {
  private final String peerId;
  private final CompletableFuture<PeerConnection> first = new CompletableFuture<>();
  private final List<CompletableFuture<PeerConnection>> attempts = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger left;
  private final AtomicInteger directFailures = new AtomicInteger();
  private volatile int directCount = -1;
  private volatile Runnable onDirectFailed = () -> {};

  PeerRace(String peerId, int attemptsExpected) {
    this.peerId = peerId;
    this.left = new AtomicInteger(attemptsExpected);
  }

  /** {@code task}, to run at most once and not at all once the race is decided. */
  Runnable once(Runnable task) {
    AtomicBoolean ran = new AtomicBoolean();
    return () -> {
      if (!first.isDone() && ran.compareAndSet(false, true)) {
        task.run();
      }
    };
  }

  /** Runs {@code then} as soon as the first {@code direct} attempts entered have all failed. */
  void whenDirectFailed(int direct, Runnable then) {
    onDirectFailed = then;
    directCount = direct;
    if (direct == 0 || directFailures.get() >= direct) {
      then.run();
    }
  }

  void enter(String route, CompletableFuture<PeerConnection> attempt) {
    boolean direct = !RelayUrl.is(route);
    attempts.add(attempt);
    attempt.whenComplete((c, err) -> {
      if (c != null) {
        if (!first.complete(c)) {
          c.close();
        }
        return;
      }
      failures.add(route + ": " + Transport.describe(err));
      if (direct && directFailures.incrementAndGet() == directCount) {
        onDirectFailed.run();
      }
      if (left.decrementAndGet() == 0) {
        first.completeExceptionally(new PeerUnreachableException(
            "cannot reach node " + peerId + " (" + String.join("; ", failures) + ")"));
      }
    });
  }

  PeerConnection await(long timeoutMs) throws PeerUnreachableException {
    try {
      return first.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PeerUnreachableException p ? p
          : new PeerUnreachableException(Transport.describe(e.getCause()));
    } catch (TimeoutException e) {
      closeLosers();
      throw new PeerUnreachableException("timed out reaching node " + peerId + " (" + String.join("; ", failures) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeLosers();
      throw new PeerUnreachableException("interrupted");
    }
  }

  private void closeLosers() {
    synchronized (attempts) {
      attempts.forEach(f -> f.thenAccept(PeerConnection::close));
    }
  }
}
