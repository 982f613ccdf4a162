package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.ppnode.node.identity.NodeId;
import io.ppnode.node.identity.TlsContexts;
import io.ppnode.protocol.ChunkData;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.Limits;
import io.ppnode.protocol.Message;
import io.ppnode.protocol.ProtocolViolationException;
import java.nio.channels.ClosedChannelException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection after TLS: checks the peer's node id, exchanges HELLO, then matches
 * answers to this node's pipelined requests ({@link PeerConnection}) and hands the peer's
 * requests to the {@link PeerHandler} on a worker thread. The last handler of the pipeline.
 */
final class PeerChannelHandler extends SimpleChannelInboundHandler<Message> implements PeerConnection {
  private static final Logger log = LoggerFactory.getLogger(PeerChannelHandler.class);
  private static final String AGENT = "ppnode/0.1";
  /** A peer may not keep more chunk bytes than this waiting on us; the member's window is smaller. */
  static final long MAX_INBOUND_CHUNK_BYTES = 96L << 20;
  static final int MAX_OPEN_WATCHES = 256;

  private final String expectedPeerId;
  private final PeerHandler handler;
  private final Executor workers;
  /** What this side reports in its HELLO: where it can be reached; empty for a client. */
  private final List<String> ownAddresses;
  private final List<String> ownRelays;
  private volatile List<String> peerAddresses = List.of();
  private final CompletableFuture<PeerConnection> ready = new CompletableFuture<>();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong();
  private final AtomicLong chunkBytesReceived = new AtomicLong();
  private final AtomicLong inboundChunkBytes = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger openWatches = new java.util.concurrent.atomic.AtomicInteger();
  private volatile Channel channel;
  /** Set once the connection failed or closed: requests registered from then on fail at once. */
  private volatile Throwable failedWith;
  private volatile String peerId;
  private volatile PublicKey peerKey;
  private boolean helloReceived;

  /**
   * @param expectedPeerId the node id the peer must prove (client side), or null to accept any
   *     node and leave authorisation to the handler (server side)
   * @param handler answers the peer's requests; null for a connection that only asks
   * @param ownAddresses HOST:PORT addresses to report in this side's HELLO
   * @param ownRelays relay URLs to report in this side's HELLO
   */
  PeerChannelHandler(String expectedPeerId, PeerHandler handler, Executor workers, List<String> ownAddresses,
      List<String> ownRelays) {
    this.expectedPeerId = expectedPeerId;
    this.handler = handler;
    this.workers = workers;
    this.ownAddresses = List.copyOf(ownAddresses);
    this.ownRelays = List.copyOf(ownRelays);
  }

  /** Completes once TLS, the id check and HELLO are done; fails if any of them does. */
  CompletableFuture<PeerConnection> ready() {
    return ready;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        fail(ctx, new PeerIdentityException("TLS handshake failed: " + done.cause().getMessage()));
        return;
      }
      try {
        peerKey = TlsContexts.peerKey(ctx.pipeline().get(SslHandler.class).engine().getSession());
        peerId = NodeId.of(peerKey).toString();
      } catch (SSLPeerUnverifiedException e) {
        fail(ctx, new PeerIdentityException("peer presented no certificate"));
        return;
      }
      if (expectedPeerId != null && !expectedPeerId.equals(peerId)) {
        fail(ctx, new PeerIdentityException(
            "peer " + ctx.channel().remoteAddress() + " is node " + peerId + ", not the expected " + expectedPeerId));
        return;
      }
      ctx.writeAndFlush(new Message.Hello(Limits.PROTOCOL_VERSION, AGENT, ownAddresses, ownRelays));
    }
    super.userEventTriggered(ctx, evt);
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    ready.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
    if (!helloReceived) {
      if (!(msg instanceof Message.Hello hello)) {
        throw new ProtocolViolationException("expected HELLO, got " + msg.type());
      }
      if (hello.version() < Limits.PROTOCOL_VERSION) {
        String why = "peer speaks protocol version " + hello.version() + ", too old (need " + Limits.PROTOCOL_VERSION + ")";
        ctx.writeAndFlush(new Message.Error(0, ErrorCode.PROTOCOL, why)).addListener(ChannelFutureListener.CLOSE);
        ready.completeExceptionally(new PeerIdentityException(why));
        return;
      }
      helloReceived = true;
      peerAddresses = hello.addresses();
      if (handler != null) {
        handler.onHello(peerId, peerAddresses, hello.relays());
      }
      ready.complete(this);
      return;
    }
    if (msg instanceof Message.JoinRequest r) {
      serve(r.requestId(), () -> handler.onJoin(peerId, r));
    } else if (msg instanceof Message.IndexRequest r) {
      serveIndex(r);
    } else if (msg instanceof Message.IndexWatch w) {
      serveWatch(w);
    } else if (msg instanceof Message.IndexChanged c) {
      answered(c, c.requestId(), p -> p.watch).complete(c.sequence());
    } else if (msg instanceof Message.ChunkRequest r) {
      serveChunk(r);
    } else if (msg instanceof Message.PeersRequest r) {
      serve(r.requestId(), () -> handler.onPeers(peerId, r));
    } else if (msg instanceof Message.TicketOffer t) {
      serve(t.requestId(), () -> handler.onTicket(peerId, t));
    } else if (msg instanceof Message.Peers a) {
      answered(a, a.requestId(), p -> p.peers).complete(a);
    } else if (msg instanceof Message.TicketAccepted a) {
      answered(a, a.requestId(), p -> p.ticket).complete(a);
    } else if (msg instanceof ChunkData d) {
      chunkBytesReceived.addAndGet(d.content().readableBytes());
      Pending p = pending.remove(d.requestId());
      if (p == null || p.chunk == null) {
        throw new ProtocolViolationException("CHUNK_DATA for unknown request " + d.requestId());
      }
      if (d.content().readableBytes() != p.expectedLength) {
        p.chunk.completeExceptionally(new PeerRequestException(ErrorCode.PROTOCOL, "chunk of wrong length"));
        return;
      }
      ByteBuf data = d.content().retain();
      if (!p.chunk.complete(new ReceivedChunk(data))) {
        data.release();
      }
    } else if (msg instanceof Message.IndexPage page) {
      Pending p = pending.get(page.requestId());
      if (p == null || p.pages == null) {
        throw new ProtocolViolationException("INDEX_PAGE for unknown request " + page.requestId());
      }
      try {
        p.pages.accept(page);
      } catch (RuntimeException e) {
        // A page the receiver refused (say, an entry the owner did not sign): the request
        // fails with that reason, and rethrowing closes the connection to the peer that sent it.
        pending.remove(page.requestId());
        p.fail(e);
        throw e;
      }
      if (page.last()) {
        pending.remove(page.requestId());
        p.done.complete(null);
      }
    } else if (msg instanceof Message.JoinAccepted a) {
      answered(a, a.requestId(), p -> p.join).complete(a);
    } else if (msg instanceof Message.Error e) {
      onError(ctx, e);
    } else {
      throw new ProtocolViolationException("unexpected " + msg.type());
    }
  }

  /**
   * The future of our request {@code requestId} that {@code answer} completes; an answer to no
   * request of ours, or of the wrong type, is the peer's violation.
   */
  private <T> CompletableFuture<T> answered(Message answer, long requestId,
      java.util.function.Function<Pending, CompletableFuture<T>> future) {
    Pending p = pending.remove(requestId);
    CompletableFuture<T> f = p == null ? null : future.apply(p);
    if (f == null) {
      throw new ProtocolViolationException(answer.type() + " for unknown request " + requestId);
    }
    return f;
  }

  private void onError(ChannelHandlerContext ctx, Message.Error e) {
    PeerRequestException failure = new PeerRequestException(e.code(), e.message());
    if (e.requestId() == 0) {
      log.debug("peer {} closed the connection: {}", peerId, e.message());
      failAll(failure);
      ctx.close();
      return;
    }
    Pending p = pending.remove(e.requestId());
    if (p != null) {
      p.fail(failure);
    }
  }

  private void serve(long requestId, java.util.function.Supplier<Message> answer) {
    requireHandler();
    workers.execute(() -> {
      try {
        channel.writeAndFlush(answer.get());
      } catch (RuntimeException e) {
        refuse(requestId, e);
      }
    });
  }

  private void serveIndex(Message.IndexRequest r) {
    requireHandler();
    workers.execute(() -> {
      try {
        handler.onIndex(peerId, r, (sequence, files, last) ->
            channel.writeAndFlush(new Message.IndexPage(r.requestId(), r.project(), sequence, last, files)));
      } catch (RuntimeException e) {
        refuse(r.requestId(), e);
      }
    });
  }

  private void serveWatch(Message.IndexWatch w) {
    requireHandler();
    // A member needs one watch per project it follows; more is a peer holding the owner's memory.
    if (openWatches.incrementAndGet() > MAX_OPEN_WATCHES) {
      throw new ProtocolViolationException("peer has more than " + MAX_OPEN_WATCHES + " index watches open");
    }
    workers.execute(() -> {
      CompletableFuture<Long> answer;
      try {
        answer = handler.onWatch(peerId, w);
      } catch (RuntimeException e) {
        openWatches.decrementAndGet();
        refuse(w.requestId(), e);
        return;
      }
      answer.whenComplete((sequence, err) -> {
        openWatches.decrementAndGet();
        if (err == null) {
          channel.writeAndFlush(new Message.IndexChanged(w.requestId(), w.project(), sequence));
        } else {
          Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
          refuse(w.requestId(), cause instanceof RuntimeException re ? re : new IllegalStateException(cause));
        }
      });
    });
  }

  private void serveChunk(Message.ChunkRequest r) {
    requireHandler();
    if (inboundChunkBytes.addAndGet(r.length()) > MAX_INBOUND_CHUNK_BYTES) {
      throw new ProtocolViolationException("peer has more than " + MAX_INBOUND_CHUNK_BYTES + " chunk bytes outstanding");
    }
    workers.execute(() -> {
      ByteBuf buf = null;
      try {
        PeerHandler.ChunkLocation where = handler.onChunk(peerId, r);
        buf = ChunkReader.read(channel.alloc(), where);
        handler.onChunkSent(peerId, where);
        ByteBuf toSend = buf;
        buf = null;
        channel.writeAndFlush(new ChunkData(r.requestId(), toSend))
            .addListener(f -> inboundChunkBytes.addAndGet(-r.length()));
      } catch (RuntimeException e) {
        inboundChunkBytes.addAndGet(-r.length());
        refuse(r.requestId(), e);
      } finally {
        if (buf != null) {
          buf.release();
        }
      }
    });
  }

  private void requireHandler() {
    if (handler == null) {
      throw new ProtocolViolationException("this node does not answer requests on this connection");
    }
  }

  private void refuse(long requestId, RuntimeException e) {
    ErrorCode code;
    if (e instanceof PeerRequestException pre) {
      code = pre.code();
      log.debug("refused request {} of {}: {}", requestId, peerId, e.getMessage());
    } else {
      code = ErrorCode.INTERNAL;
      log.error("failed to answer request {} of {}", requestId, peerId, e);
    }
    channel.writeAndFlush(new Message.Error(requestId, code, String.valueOf(e.getMessage())));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ClosedChannelException closed = new ClosedChannelException();
    ready.completeExceptionally(new PeerIdentityException("connection closed before the peer said hello"));
    failAll(closed);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable unwrapped = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    // The JDK only says "Tag mismatch!": tell the user what it means, since a pull fails with it.
    Throwable root = !alteredInTransit(unwrapped) ? unwrapped : new SSLException("a TLS record from " + peerId
        + " failed its integrity check: the bytes were altered in transit (" + unwrapped.getMessage() + ")", unwrapped);
    if (root instanceof ProtocolViolationException || cause instanceof DecoderException) {
      log.debug("peer {} broke the protocol: {}", peerId, root.getMessage());
      // Waiting callers learn why, not just that the channel closed: a member reconnects after
      // a lost connection, never to a peer that broke the protocol.
      failAll(root);
    } else if (root instanceof java.io.IOException) {
      log.debug("connection to {} failed: {}", peerId, root.getMessage());
    } else {
      log.error("unexpected error on connection to {}", peerId, cause);
    }
    ready.completeExceptionally(root);
    ctx.close();
  }

  /** An AES-GCM tag that did not verify: someone on the path (a relay, say) changed the bytes. */
  private static boolean alteredInTransit(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AEADBadTagException) {
        return true;
      }
    }
    return false;
  }

  // ---- outbound: PeerConnection ----

  @Override
  public String peerId() {
    return peerId;
  }

  @Override
  public PublicKey peerKey() {
    return peerKey;
  }
  @Override
  public List<String> peerAddresses() {
    return peerAddresses;
  }


  @Override
  public CompletableFuture<Message.JoinAccepted> join(String project, String secret) {
    Pending p = Pending.forJoin();
    long id = register(p);
    send(new Message.JoinRequest(id, project, secret), id);
    return p.join;
  }

  @Override
  public CompletableFuture<Void> index(String project, long since, Consumer<Message.IndexPage> pages) {
    Pending p = Pending.forIndex(pages);
    long id = register(p);
    send(new Message.IndexRequest(id, project, since), id);
    return p.done;
  }

  @Override
  public CompletableFuture<Long> watch(String project, long since) {
    Pending p = Pending.forWatch();
    long id = register(p);
    send(new Message.IndexWatch(id, project, since), id);
    return p.watch;
  }

  @Override
  public CompletableFuture<ReceivedChunk> chunk(String project, String path, long offset, int length, ChunkHash sha256) {
    Pending p = Pending.forChunk(length);
    long id = register(p);
    send(new Message.ChunkRequest(id, project, path, offset, length, sha256), id);
    return p.chunk;
  }

  @Override
  public CompletableFuture<Message.Peers> peers(String project) {
    Pending p = new Pending();
    p.peers = new CompletableFuture<>();
    long id = register(p);
    send(new Message.PeersRequest(id, project), id);
    return p.peers;
  }

  @Override
  public CompletableFuture<Message.TicketAccepted> offerTicket(String project, String ownerKeyHex, long expires,
      io.ppnode.protocol.EntrySignature ticket) {
    Pending p = new Pending();
    p.ticket = new CompletableFuture<>();
    long id = register(p);
    send(new Message.TicketOffer(id, project, ownerKeyHex, expires, ticket), id);
    return p.ticket;
  }

  private long register(Pending p) {
    long id = nextRequestId.incrementAndGet();
    pending.put(id, p);
    Throwable failed = failedWith;
    if (failed != null && pending.remove(id) != null) {
      // Registered after the connection failed: nobody else would ever complete it.
      p.fail(failed);
    }
    return id;
  }

  /**
   * Fails every outstanding request, each exactly once, and every later one: a request
   * registered while this ran is failed either here or by {@link #register}, never left waiting
   * (forEach-then-clear lost those, and a pull waited on them for ever).
   */
  private void failAll(Throwable cause) {
    if (failedWith == null) {
      failedWith = cause;
    }
    for (Long id : pending.keySet()) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.fail(cause);
      }
    }
  }

  private void send(Message m, long id) {
    Channel ch = channel;
    ch.writeAndFlush(m).addListener(f -> {
      if (!f.isSuccess()) {
        Pending p = pending.remove(id);
        if (p != null) {
          p.fail(f.cause());
        }
      }
    });
  }

  @Override
  public long chunkBytesReceived() {
    return chunkBytesReceived.get();
  }

  @Override
  public void close() {
    Channel ch = channel;
    if (ch != null) {
      ch.close().syncUninterruptibly();
    }
  }

  /** One outstanding request of ours; exactly one of the futures is used. */
  private static final class Pending {
    CompletableFuture<Message.JoinAccepted> join;
    CompletableFuture<ReceivedChunk> chunk;
    CompletableFuture<Void> done;
    CompletableFuture<Long> watch;
    CompletableFuture<Message.Peers> peers;
    CompletableFuture<Message.TicketAccepted> ticket;
    Consumer<Message.IndexPage> pages;
    int expectedLength;

    static Pending forJoin() {
      Pending p = new Pending();
      p.join = new CompletableFuture<>();
      return p;
    }

    static Pending forIndex(Consumer<Message.IndexPage> pages) {
      Pending p = new Pending();
      p.done = new CompletableFuture<>();
      p.pages = pages;
      return p;
    }

    static Pending forWatch() {
      Pending p = new Pending();
      p.watch = new CompletableFuture<>();
      return p;
    }

    static Pending forChunk(int length) {
      Pending p = new Pending();
      p.chunk = new CompletableFuture<>();
      p.expectedLength = length;
      return p;
    }

    void fail(Throwable t) {
      if (join != null) join.completeExceptionally(t);
      if (chunk != null) chunk.completeExceptionally(t);
      if (done != null) done.completeExceptionally(t);
      if (watch != null) watch.completeExceptionally(t);
      if (peers != null) peers.completeExceptionally(t);
      if (ticket != null) ticket.completeExceptionally(t);
    }
  }
}
