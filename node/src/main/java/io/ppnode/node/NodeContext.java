package io.ppnode.node;

import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.discovery.Discovery;
import io.ppnode.node.discovery.JmdnsDiscovery;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ManifestException;
import io.ppnode.node.manifest.StoredIdentity;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.Transport;
import io.ppnode.node.share.OwnerPeerHandler;
import io.ppnode.node.transfer.DriftTracker;
import io.ppnode.node.transfer.InFlightChunks;
import io.ppnode.node.transfer.PeerChunkServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Everything one process holds for one home: the open manifest, the identity, the worker pools
 * and (once needed) the network transport. Created once per command, or once per {@code serve}.
 */
final class NodeContext implements AutoCloseable {
  /** Default listen address: every interface, one fixed port so invites stay valid across restarts. */
  static final String DEFAULT_LISTEN = "0.0.0.0:7412";

  final Path home;
  static final String MDNS_SETTING = "mdns";
  final Manifest manifest;
  final Clock clock = Clock.systemUTC();
  /** Manifest and request work of peer connections, off the event loop. */
  final ExecutorService workers = Executors.newFixedThreadPool(8, daemon("ppnode-worker"));
  /** Hashing and file writes of transfers. */
  final ExecutorService disk = Executors.newFixedThreadPool(4, daemon("ppnode-disk"));
  final OwnerPeerHandler owner;
  /** Answers every accepted connection: as owner, and as member to the other members. */
  final NodePeerHandler peers;
  /** Chunks this node's pulls verified in files not yet whole, which it serves to other members. */
  final InFlightChunks inFlight = new InFlightChunks();
  /** What the folder watch of a serving member knows of local edits; empty when not serving. */
  final DriftTracker drift = new DriftTracker();
  private Identity identity;
  private EntrySigner entrySigner;
  private Transport transport;
  private Discovery discovery;
  private volatile InetSocketAddress serving;
  /** Closes a peer's accepted connections; does nothing until this process serves. */
  private volatile ToIntFunction<String> disconnect = peerId -> 0;
  private volatile Runnable projectsChanged = () -> {};

  private NodeContext(Path home, Manifest manifest) {
    this.home = home;
    this.manifest = manifest;
    this.owner = new OwnerPeerHandler(manifest, clock, this::entrySigner);
    this.peers = new NodePeerHandler(owner, new PeerChunkServer(manifest, clock, inFlight));
  }

  static NodeContext open(Path home) {
    try {
      return new NodeContext(home, Manifest.open(home));
    } catch (ManifestException e) {
      if (e.locked()) {
        throw PpnodeException.error("the home " + home + " is in use by another ppnode process that does not answer; "
            + "stop it or use another --home");
      }
      throw e;
    }
  }

  /** The node's identity, made now (as {@code init} would) if the home has none yet. */
  synchronized Identity identity() {
    if (identity == null) {
      Optional<StoredIdentity> stored = manifest.identity();
      if (stored.isPresent()) {
        identity = Identity.decode(stored.get().privateKeyPkcs8(), stored.get().certificateDer());
      } else {
        identity = Identity.generate();
        manifest.saveIdentity(new StoredIdentity(identity.privateKeyEncoded(), identity.certificateEncoded(),
            identity.id().toString(), DEFAULT_LISTEN));
      }
    }
    return identity;
  }

  /** Signs the index entries this node publishes as an owner, with its node key. */
  synchronized EntrySigner entrySigner() {
    if (entrySigner == null) {
      entrySigner = new EntrySigner(identity().keyPair().getPrivate());
    }
    return entrySigner;
  }

  synchronized boolean hasIdentity() {
    return identity != null || manifest.identity().isPresent();
  }

  String listen() {
    identity();
    return manifest.identity().map(StoredIdentity::listen).filter(s -> s != null && !s.isBlank()).orElse(DEFAULT_LISTEN);
  }

  synchronized Transport transport() {
    if (transport == null) {
      transport = new Transport(identity(), workers);
    }
    return transport;
  }

  /**
   * Whether this home uses mDNS at all: {@code serve --no-mdns} turns it off for good, and
   * {@code PPNODE_NO_MDNS=1} for one process and its children (the test suites set it).
   */
  boolean mdnsEnabled() {
    if ("1".equals(System.getenv("PPNODE_NO_MDNS"))) {
      return false;
    }
    return !"off".equals(manifest.setting(MDNS_SETTING).orElse("on"));
  }

  void setMdnsEnabled(boolean on) {
    manifest.setSetting(MDNS_SETTING, on ? "on" : "off");
  }

  /**
   * LAN discovery on the interfaces of this home's listen address (none for loopback), made on
   * first use and closed with the context.
   */
  synchronized Discovery discovery() {
    if (discovery == null) {
      discovery = mdnsEnabled() ? JmdnsDiscovery.forListen(HostPort.parse(listen()).host()) : Discovery.NONE;
    }
    return discovery;
  }

  void serving(InetSocketAddress bound) {
    this.serving = bound;
  }

  /** How to close a peer's accepted connections, once this process serves. */
  void disconnector(ToIntFunction<String> closeConnectionsOf) {
    this.disconnect = closeConnectionsOf;
  }

  /** What to do when a project is shared or joined, once this process serves (watch, follow). */
  void onProjectsChanged(Runnable then) {
    this.projectsChanged = then;
  }

  /** A project was shared or joined: a serving node starts watching or following it now. */
  void projectsChanged() {
    projectsChanged.run();
  }

  /** Closes every accepted connection of {@code peerId}; returns how many were open. */
  int disconnect(String peerId) {
    return disconnect.applyAsInt(peerId);
  }

  /** Where this process accepts peers, or null when it does not serve. */
  InetSocketAddress serving() {
    return serving;
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public synchronized void close() {
    if (discovery != null) {
      discovery.close();
    }
    if (transport != null) {
      transport.close();
    }
    workers.shutdownNow();
    disk.shutdownNow();
    manifest.close();
  }
}
