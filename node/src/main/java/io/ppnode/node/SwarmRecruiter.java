package io.ppnode.node;

import io.ppnode.node.identity.MemberTickets;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.PeerUnreachableException;
import io.ppnode.node.net.RelayUrl;
import io.ppnode.node.transfer.Swarm;
import io.ppnode.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings other members into a pull: asks the owner (PEERS_REQUEST) which members serve the
 * project and for this node's ticket, dials each of them, pinned to the node id the owner named,
 * at the addresses it reported and, if those do not answer first, at its relays, shows the
 * ticket, and adds each one that accepts to the pull's {@link Swarm}. All of it runs beside the
 * pull, which goes on with the owner alone meanwhile; any member that cannot be reached or
 * refuses is simply left out, and an owner that does not answer PEERS leaves the pull to itself.
 */
final class SwarmRecruiter {
  private static final Logger log = LoggerFactory.getLogger(SwarmRecruiter.class);
  /** A member on the same LAN or loopback answers at once; one that does not is not worth waiting for. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** Members asked per pull, at most. */
  static final int MAX_MEMBERS = 8;

  private final NodeContext ctx;

  SwarmRecruiter(NodeContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Completes once every member the owner named in {@code peers}, its answer to a PEERS request,
   * has joined {@code swarm} or been left out.
   */
  CompletableFuture<Void> recruit(String projectId, PeerConnection owner, CompletableFuture<Message.Peers> peers,
      Swarm swarm) {
    String self = ctx.identity().id().toString();
    String ownerKey = MemberTickets.keyHex(owner.peerKey());
    return peers.thenComposeAsync(answer -> {
      List<CompletableFuture<Void>> joins = new ArrayList<>();
      for (Message.Peer m : answer.peers()) {
        if (m.node().equals(self) || m.node().equals(owner.peerId()) || joins.size() == MAX_MEMBERS) {
          continue;
        }
        List<HostPort> hosts = parse(m.addresses(), HostPort::parse);
        List<RelayUrl> relays = parse(m.relays(), RelayUrl::parse);
        if (!hosts.isEmpty() || !relays.isEmpty()) {
          joins.add(CompletableFuture.supplyAsync(() -> dial(m.node(), hosts, relays), ctx.workers)
              .thenCompose(member -> member == null ? CompletableFuture.completedFuture(null)
                  : offer(projectId, member, ownerKey, answer, swarm, ctx.workers)));
        }
      }
      return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new));
    }, ctx.workers).exceptionally(err -> {
      log.debug("no other members for {}: {}", projectId, err.getMessage());
      return null;
    });
  }

  private PeerConnection dial(String node, List<HostPort> hosts, List<RelayUrl> relays) {
    try {
      return ctx.transport().connect(hosts, relays, node, null, CONNECT_TIMEOUT);
    } catch (PeerUnreachableException e) {
      log.debug("member {} not reachable: {}", node, e.getMessage());
      return null;
    }
  }

  /**
   * The answer is handled on {@code workers}, not on the member's event loop where it arrives:
   * closing a refused connection waits for the close, which an event loop may not do.
   */
  private static CompletableFuture<Void> offer(String projectId, PeerConnection member, String ownerKey,
      Message.Peers answer, Swarm swarm, Executor workers) {
    return member.offerTicket(projectId, ownerKey, answer.expires(), answer.ticket()).handleAsync((ok, err) -> {
      if (err != null) {
        log.debug("member {} refused the ticket: {}", member.peerId(), err.getMessage());
        member.close();
      } else {
        log.debug("member {} joined the pull of {}", member.peerId(), projectId);
        swarm.add(member);
      }
      return null;
    }, workers);
  }

  /**
   * What the owner passed on, parsed: each address or relay is a hint like any other, and a bad
   * one is skipped.
   */
  private static <T> List<T> parse(List<String> hints, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (String h : hints) {
      try {
        out.add(parser.apply(h));
      } catch (IllegalArgumentException e) {
        // skipped, as above
      }
    }
    return out;
  }
}
