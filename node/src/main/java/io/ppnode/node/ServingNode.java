package io.ppnode.node;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.control.ControlServer;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.RelayLink;
import io.ppnode.node.net.RelayUrl;
import io.ppnode.node.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that serves its home: accepts peers on its listen address and through its relays,
 * answers members of the projects it owns, takes commands over the control channel, rescans what it shares when
 * its folder changes (and on a timer), and follows what it has joined: a member stays connected to its owner and pulls
 * as soon as the owner publishes. {@link #close()} stops all of it.
 */
public final class ServingNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServingNode.class);
  static final long RESCAN_SECONDS = 60;
  static final long REPULL_SECONDS = 15;
  static final long ADVERTISE_SECONDS = 5;

  private final NodeContext ctx;
  private final LocalNode api;
  private final Transport.Listener listener;
  private final ControlServer control;
  private final List<RelayLink> relays;
  private final ScheduledExecutorService timer;
  private final LiveScanner live;
  private final ProjectFollowers followers;

  private ServingNode(NodeContext ctx, LocalNode api, Transport.Listener listener, ControlServer control,
      List<RelayLink> relays, LiveScanner live) {
    this.ctx = ctx;
    this.live = live;
    this.followers = new ProjectFollowers(api);
    this.relays = relays;
    this.api = api;
    this.listener = listener;
    this.control = control;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ppnode-timer");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::rescan, RESCAN_SECONDS, RESCAN_SECONDS, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::repull, REPULL_SECONDS, REPULL_SECONDS, TimeUnit.SECONDS);
    // Owned and joined folders are watched, and joined projects followed, from the start;
    // projects shared or joined while serving are picked up on the next tick.
    timer.execute(this::watchAndFollow);
    ctx.onProjectsChanged(() -> {
      try {
        timer.execute(this::watchAndFollow);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // The node is stopping: nothing more to watch or follow.
      }
    });
    timer.scheduleWithFixedDelay(this::watchAndFollow, REPULL_SECONDS, REPULL_SECONDS, TimeUnit.SECONDS);
    // A new lease changes what members should remember; mDNS follows it on its own timer.
    timer.scheduleWithFixedDelay(() -> ctx.transport().advertise(Addresses.advertised(ctx)),
        ADVERTISE_SECONDS, ADVERTISE_SECONDS, TimeUnit.SECONDS);
  }

  public static ServingNode start(Path home, Optional<String> listen) {
    return start(home, listen, List.of());
  }

  /**
   * Serves {@code home}. A non-empty {@code relayUrls} replaces the relays remembered in the home;
   * an empty one keeps them. The node registers with each relay and names them in its invites.
   */
  public static ServingNode start(Path home, Optional<String> listen, List<String> relayUrls) {
    return start(home, listen, relayUrls, Optional.empty());
  }

  /**
   * As above; {@code mdns}, when given, turns LAN discovery on or off and is remembered in the
   * home. With it on, the node announces itself by mDNS on the interfaces it listens on.
   */
  public static ServingNode start(Path home, Optional<String> listen, List<String> relayUrls, Optional<Boolean> mdns) {
    NodeContext ctx = NodeContext.open(home);
    try {
      ctx.identity();
      mdns.ifPresent(ctx::setMdnsEnabled);
      listen.ifPresent(l -> ctx.manifest.setListen(HostPort.parse(l).toString()));
      if (!relayUrls.isEmpty()) {
        List<String> checked = new ArrayList<>();
        for (String url : relayUrls) {
          checked.add(RelayUrl.parse(url).toString());
        }
        ctx.manifest.setRelays(checked);
      }
      HostPort where = HostPort.parse(listen.orElse(ctx.listen()));
      Transport.Listener listener = ctx.transport().listen(where, ctx.peers);
      ctx.serving(listener.address());
      ctx.transport().advertise(Addresses.advertised(ctx));
      // Members that cannot reach this node directly meet it at its relays (PEERS).
      ctx.transport().advertiseRelays(ctx.manifest.relays());
      ctx.discovery().announce(ctx.identity().id().toString(), listener.address().getPort());
      ctx.disconnector(listener::disconnect);
      LocalNode api = new LocalNode(ctx, false);
      ControlServer control = new ControlServer(home, api);
      log.info("node {} listening on {}", ctx.identity().id(), HostPort.of(listener.address()));
      List<RelayLink> links = new ArrayList<>();
      for (String url : ctx.manifest.relays()) {
        links.add(ctx.transport().linkTo(RelayUrl.parse(url), ctx.peers));
      }
      LiveScanner live = new LiveScanner(id -> api.scan(Optional.of(id)), ctx.drift);
      return new ServingNode(ctx, api, listener, control, links, live);
    } catch (IllegalArgumentException e) {
      ctx.close();
      throw PpnodeException.usage(e.getMessage());
    } catch (IOException | InterruptedException | RuntimeException e) {
      ctx.close();
      if (e instanceof PpnodeException p) {
        throw p;
      }
      throw PpnodeException.error("cannot serve: " + e.getMessage());
    }
  }

  /** The operations of this node, run in this process. */
  public NodeApi api() {
    return api;
  }

  public InetSocketAddress address() {
    return listener.address();
  }

  /** This node's context, for tests in this package that look at its manifest. */
  NodeContext context() {
    return ctx;
  }

  /** Chunk bytes this node has served to peers since it started, as owner and as member. */
  public long chunkBytesServed() {
    return ctx.peers.chunkBytesServed();
  }

  /** How many pulls skipped the stat of every file, their folder watched and unchanged. */
  public long localEditChecksSkipped() {
    return ctx.drift.skippedChecks();
  }

  /** How many of this node's relays have accepted its registration right now. */
  public long registeredRelays() {
    return relays.stream().filter(RelayLink::registered).count();
  }

  private void rescan() {
    try {
      api.scan(Optional.empty());
    } catch (RuntimeException e) {
      log.warn("periodic rescan failed: {}", e.getMessage());
    }
  }

  private void watchAndFollow() {
    try {
      List<ProjectRecord> projects = ctx.manifest.projects();
      live.watchOwned(projects);
      live.watchJoined(projects);
      followers.followJoined(projects);
    } catch (RuntimeException e) {
      log.warn("cannot watch or follow projects: {}", e.getMessage());
    }
  }

  private void repull() {
    for (ProjectRecord p : ctx.manifest.projects()) {
      if (p.role() != Role.MEMBER) {
        continue;
      }
      try {
        api.pull(Optional.of(p.id()), ProgressListener.NONE);
      } catch (RuntimeException e) {
        log.debug("periodic pull of {} failed: {}", p.name(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    // No interrupts: a rescan or pull in progress finishes (an interrupt inside H2 breaks the store).
    timer.shutdown();
    followers.close();
    live.close();
    control.close();
    relays.forEach(RelayLink::close);
    listener.close();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ctx.close();
    log.info("stopped");
  }
}
