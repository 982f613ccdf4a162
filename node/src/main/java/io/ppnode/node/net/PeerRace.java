package io.ppnode.node.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connection attempts to one peer racing each other: the first that completes (TLS done, id
 * proven, HELLO exchanged) wins and every later winner is closed at once. Fails, naming every
 * route and why it failed, when all attempts have failed or the deadline passes.
 *
 * <p>Attempts may join late (addresses that mDNS answers while the first dials run): a
 * {@link #hold()} keeps the race from being lost, and the direct routes from counting as all
 * failed, until it is released.
 */
final class PeerRace {
  private final String peerId;
  private final CompletableFuture<PeerConnection> first = new CompletableFuture<>();
  private final List<CompletableFuture<PeerConnection>> attempts = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Object lock = new Object();
  private int pending; // attempts and holds not yet over
  private int directPending; // the direct ones among them
  private boolean directFired;
  private Runnable onDirectFailed = () -> {};

  PeerRace(String peerId) {
    this.peerId = peerId;
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

  /** Runs {@code then} once every direct attempt entered has failed and no hold is left. */
  void whenDirectFailed(Runnable then) {
    synchronized (lock) {
      onDirectFailed = then;
    }
  }

  /** Keeps the race open for attempts still to come; run the result once they are entered. */
  Runnable hold() {
    synchronized (lock) {
      pending++;
      directPending++;
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        ended(true);
      }
    };
  }

  void enter(String route, CompletableFuture<PeerConnection> attempt) {
    boolean direct = !RelayUrl.is(route);
    synchronized (lock) {
      pending++;
      if (direct) {
        directPending++;
      }
    }
    attempts.add(attempt);
    attempt.whenComplete((c, err) -> {
      if (c != null) {
        if (!first.complete(c)) {
          c.close();
        }
        return;
      }
      failures.add(route + ": " + Transport.describe(err));
      ended(direct);
    });
  }

  /** One attempt or hold is over without a connection. */
  private void ended(boolean direct) {
    Runnable then = null;
    synchronized (lock) {
      pending--;
      if (direct && --directPending == 0 && !directFired) {
        directFired = true;
        then = onDirectFailed;
      }
    }
    if (then != null) {
      then.run(); // may enter the relays, before the count below is read
    }
    synchronized (lock) {
      if (pending > 0) {
        return;
      }
    }
    first.completeExceptionally(new PeerUnreachableException(
        "cannot reach node " + peerId + " (" + String.join("; ", failures) + ")"));
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
