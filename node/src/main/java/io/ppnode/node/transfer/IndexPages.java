package io.ppnode.node.transfer;

import io.ppnode.protocol.Message;
import io.ppnode.protocol.ProtocolViolationException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The pages of one index answer, handed to the puller as they arrive (on the network thread) so
 * that it can start on the first page's files while later pages are still on the wire. The
 * answer as a whole must end within a deadline.
 */
final class IndexPages {
  private final LinkedBlockingQueue<Message.IndexPage> arrived = new LinkedBlockingQueue<>();
  private final long deadlineNanos;
  private final IndexPageVerifier verifier;
  private CompletableFuture<Void> answer;

  /** @param verifier checks each page as {@link #next()} hands it out, on the puller's thread */
  IndexPages(long timeoutSeconds, IndexPageVerifier verifier) {
    this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    this.verifier = verifier;
  }

  /** Receives a page as it came off the wire (decoded and validated, not yet verified). */
  void arrived(Message.IndexPage page) {
    arrived.add(page);
  }

  /** The request whose pages these are; completes after its last page. */
  void answer(CompletableFuture<Void> answer) {
    this.answer = answer;
  }

  /**
   * The next page, waiting for it, once it verified; null once the answer is complete and every
   * page was taken. A failed answer (lost connection) or a page that did not verify is an
   * IOException whose cause is why, after the pages that came before it.
   */
  Message.IndexPage next() throws IOException {
    Message.IndexPage page = nextArrived();
    if (page != null) {
      try {
        verifier.check(page);
      } catch (ProtocolViolationException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return page;
  }

  private Message.IndexPage nextArrived() throws IOException {
    try {
      while (true) {
        Message.IndexPage page = arrived.poll();
        if (page != null) {
          return page;
        }
        if (answer.isDone()) {
          page = arrived.poll(); // a last page added just before the answer completed
          if (page != null) {
            return page;
          }
          answer.get();
          return null;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new IOException("the peer did not finish its index within the deadline");
        }
        // Wakes for a page, or every 50 ms to see whether the answer ended without one.
        page = arrived.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        if (page != null) {
          return page;
        }
      }
    } catch (ExecutionException e) {
      throw new IOException(Puller.rootMessage(e), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
