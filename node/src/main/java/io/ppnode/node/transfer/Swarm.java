package io.ppnode.node.transfer;

import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.node.net.ReceivedChunk;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.FileEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one pull's chunks come from: the owner, and the other members that joined in (each
 * added once it accepted this member's ticket). Each chunk goes to the peer with the least
 * outstanding bytes per byte it has delivered a second, so a faster peer gets more and a stalled
 * one gets none; the owner is always among them. Whoever sends a chunk, it counts only if it
 * hashes to the owner-signed index ({@link VerifiedFetcher}). A member that does not hold a chunk
 * is not asked for that file again for {@link #LACK_RETRY}: members that join at the same moment
 * hold more of each other's files as they go. One that sent a bad chunk of a file is not asked
 * for that file again, and one that sent too many, or whose connection failed, is left out from
 * then on; either way the chunk is asked of another peer, in the end of the owner.
 */
public final class Swarm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Swarm.class);
  /** The rate a peer is assumed to have before it delivered anything: all start equal. */
  private static final double START_RATE = 64 << 20;
  /** How long the first chunk waits for members to join: a TLS handshake or two on a LAN. */
  static final Duration RECRUIT_WAIT = Duration.ofSeconds(1);
  /**
   * How long a member that lacked a chunk of a file is not asked for that file again. A member
   * that is assembling the file itself has verified some megabytes more of it by then, on a LAN;
   * one that never will costs a round trip per file that often.
   */
  static final Duration LACK_RETRY = Duration.ofMillis(200);

  private final String projectId;
  private final Executor disk;
  private final Source owner;
  private final List<Source> members = new CopyOnWriteArrayList<>();
  private final Function<Swarm, CompletableFuture<?>> recruit;
  private final AtomicBoolean recruited = new AtomicBoolean();
  private boolean closed;

  /** A swarm of the owner alone. */
  public Swarm(PeerConnection owner, String projectId, Executor disk) {
    this(owner, projectId, disk, swarm -> CompletableFuture.completedFuture(null));
  }

  /**
   * @param recruit called once, when the first chunk is asked for, to find members that may
   *     {@link #add join}: a pull with nothing to fetch costs no connection to them. The first
   *     chunk waits for what it returns, at most {@link #RECRUIT_WAIT}, so that the first window
   *     of requests is spread over the members too.
   */
  public Swarm(PeerConnection owner, String projectId, Executor disk, Function<Swarm, CompletableFuture<?>> recruit) {
    this.projectId = projectId;
    this.disk = disk;
    this.recruit = recruit;
    this.owner = new Source(new VerifiedFetcher(owner, projectId, disk, true), true);
  }

  PeerConnection owner() {
    return owner.fetcher.peer();
  }

  /**
   * Adds a member that accepted this node's ticket; the swarm closes it when it is closed. A
   * member that comes too late, after the pull ended, is closed at once.
   */
  public synchronized void add(PeerConnection member) {
    if (closed) {
      member.close();
      return;
    }
    members.add(new Source(new VerifiedFetcher(member, projectId, disk, false), false));
  }

  /**
   * Finds the members that may join, once per swarm, and waits for them at most {@link
   * #RECRUIT_WAIT}; those that come later join as they come. The first fetch does it too.
   */
  void recruit() {
    if (recruited.compareAndSet(false, true)) {
      try {
        recruit.apply(this).get(RECRUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Those that joined by now take part.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Members fetched from so far (added ones, left out or not). */
  public int members() {
    return members.size();
  }

  /** Chunk bytes the other members delivered, verified. */
  public long bytesFromMembers() {
    return members.stream().mapToLong(s -> s.delivered.get()).sum();
  }

  /** Bad chunks the owner has sent on its connection (the puller's limit is the owner's). */
  int ownerBadChunks() {
    return owner.fetcher.badChunks();
  }

  /** Completes with a chunk whose bytes hash to {@code c.sha256()}; the caller closes it. */
  CompletableFuture<ReceivedChunk> fetch(String path, FileEntry.ChunkRef c) {
    recruit();
    Source s = choose(path, c.length());
    s.outstanding.addAndGet(c.length());
    long asked = System.nanoTime();
    return s.fetcher.fetch(path, c).handle((rc, err) -> {
      s.outstanding.addAndGet(-c.length());
      if (err == null) {
        s.delivered(c.length(), System.nanoTime() - asked);
        return CompletableFuture.completedFuture(rc);
      }
      if (s.isOwner) {
        return CompletableFuture.<ReceivedChunk>failedFuture(err);
      }
      s.failed(path, unwrap(err));
      return fetch(path, c);
    }).thenCompose(f -> f);
  }

  private Source choose(String path, int length) {
    Source best = owner;
    double bestCost = owner.cost(length);
    for (Source m : members) {
      if (!m.out && m.mayHold(path)) {
        double cost = m.cost(length);
        if (cost < bestCost) {
          best = m;
          bestCost = cost;
        }
      }
    }
    return best;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Closes the members' connections; the owner's belongs to the caller. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Source m : members) {
      m.fetcher.peer().close();
    }
  }

  /** One peer's part in the swarm. */
  private static final class Source {
    final VerifiedFetcher fetcher;
    final boolean isOwner;
    final AtomicLong outstanding = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    /** Nanoseconds chunks of this peer were in flight, summed: with {@link #delivered}, its rate. */
    final AtomicLong busyNanos = new AtomicLong();
    /** Files this member sent a bad chunk of: not asked for again in this pull. */
    final Set<String> lied = ConcurrentHashMap.newKeySet();
    /** By path, when ({@link System#nanoTime}) this member lacked a chunk of the file last. */
    final Map<String, Long> lackedAt = new ConcurrentHashMap<>();
    volatile boolean out;

    Source(VerifiedFetcher fetcher, boolean isOwner) {
      this.fetcher = fetcher;
      this.isOwner = isOwner;
    }

    /** False while this member is not to be asked for {@code path}: it lacked it lately, or lied. */
    boolean mayHold(String path) {
      Long lacked = lackedAt.get(path);
      return (lacked == null || System.nanoTime() - lacked >= LACK_RETRY.toNanos()) && !lied.contains(path);
    }

    /** Seconds until a new chunk of {@code length} would be through, by what this peer has shown. */
    double cost(int length) {
      long busy = busyNanos.get();
      long got = delivered.get();
      double rate = got == 0 || busy == 0 ? START_RATE : got / (busy / 1e9);
      return (outstanding.get() + length) / rate;
    }

    void delivered(int length, long nanos) {
      delivered.addAndGet(length);
      // In-flight times of pipelined chunks overlap; divided by the chunks that shared them they
      // add up to about the time the peer was busy.
      busyNanos.addAndGet(nanos * length / Math.max(length, outstanding.get() + length));
    }

    void failed(String path, Throwable cause) {
      String peer = fetcher.peer().peerId();
      if (cause instanceof PeerRequestException r && r.code() == ErrorCode.CHUNK_UNAVAILABLE) {
        lackedAt.put(path, System.nanoTime());
        log.debug("member {} does not hold {}: {}", peer, path, r.getMessage());
      } else if (cause instanceof ChunkMismatchException) {
        lied.add(path);
        log.warn("member {} sent a chunk of {} that does not match the owner's index; asking another peer", peer, path);
        if (fetcher.badChunks() > VerifiedFetcher.BAD_CHUNK_LIMIT) {
          out = true;
        }
      } else {
        if (!out) {
          log.info("leaving member {} out of this pull: {}", peer, cause.getMessage() == null ? cause : cause.getMessage());
        }
        out = true;
      }
    }
  }
}
