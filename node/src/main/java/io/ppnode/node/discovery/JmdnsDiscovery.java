package io.ppnode.node.discovery;

import io.ppnode.protocol.Limits;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS/DNS-SD discovery with jmdns: one responder per local address that the listen rule allows
 * ({@link Interfaces}), each announcing {@code _ppnode._tcp.local.} under the node id with TXT
 * {@code id} and {@code v} (protocol version) and nothing about projects. The address set is
 * checked every {@link #RECHECK} so that a new lease is announced, and a vanished one withdrawn,
 * within seconds.
 */
public final class JmdnsDiscovery implements Discovery {
  private static final Logger log = LoggerFactory.getLogger(JmdnsDiscovery.class);
  static final String SERVICE_TYPE = "_ppnode._tcp.local.";
  static final Duration RECHECK = Duration.ofSeconds(2);

  private final String listenHost;
  private final Map<InetAddress, JmDNS> responders = new ConcurrentHashMap<>();
  private final ScheduledExecutorService recheck;
  private volatile String announcedId;
  private volatile int announcedPort;

  private JmdnsDiscovery(String listenHost) {
    this.listenHost = listenHost;
    this.recheck = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ppnode-mdns");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Discovery for a node that listens on {@code listenHost}: {@link Discovery#NONE} for a loopback
   * listen, else responders on the allowed addresses, kept up to date in the background.
   */
  public static Discovery forListen(String listenHost) {
    try {
      if (InetAddress.getByName(listenHost).isLoopbackAddress()) {
        return NONE;
      }
    } catch (IOException e) {
      return NONE;
    }
    JmdnsDiscovery d = new JmdnsDiscovery(listenHost);
    d.refresh();
    d.recheck.scheduleWithFixedDelay(d::refresh, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    return d;
  }

  /** Starts responders on new addresses and stops those whose address went away. */
  synchronized void refresh() {
    Set<InetAddress> now = Interfaces.forListen(listenHost);
    for (InetAddress gone : new ArrayList<>(responders.keySet())) {
      if (!now.contains(gone)) {
        log.info("mDNS: {} went away; no longer announced there", gone.getHostAddress());
        closeQuietly(responders.remove(gone));
      }
    }
    for (InetAddress a : now) {
      if (responders.containsKey(a)) {
        continue;
      }
      try {
        JmDNS j = JmDNS.create(a, "ppnode-" + a.getHostAddress().replace('.', '-'));
        responders.put(a, j);
        if (announcedId != null) {
          register(j, announcedId, announcedPort);
          log.info("mDNS: announcing on {}", a.getHostAddress());
        }
      } catch (IOException e) {
        log.warn("mDNS: cannot start on {}: {}", a.getHostAddress(), e.getMessage());
      }
    }
  }

  @Override
  public synchronized void announce(String nodeId, int port) {
    announcedId = nodeId;
    announcedPort = port;
    for (JmDNS j : responders.values()) {
      try {
        register(j, nodeId, port);
      } catch (IOException e) {
        log.warn("mDNS: cannot announce: {}", e.getMessage());
      }
    }
  }

  private static void register(JmDNS j, String nodeId, int port) throws IOException {
    j.registerService(ServiceInfo.create(SERVICE_TYPE, nodeId, port, 0, 0,
        Map.of("id", nodeId, "v", String.valueOf(Limits.PROTOCOL_VERSION))));
  }

  @Override
  public List<InetSocketAddress> lookup(String nodeId, Duration wait) {
    List<CompletableFuture<List<InetSocketAddress>>> asks = new ArrayList<>();
    for (JmDNS j : responders.values()) {
      asks.add(CompletableFuture.supplyAsync(() -> ask(j, nodeId, wait)));
    }
    Set<InetSocketAddress> found = new LinkedHashSet<>();
    for (CompletableFuture<List<InetSocketAddress>> a : asks) {
      found.addAll(a.join());
    }
    return new ArrayList<>(found);
  }

  private static List<InetSocketAddress> ask(JmDNS j, String nodeId, Duration wait) {
    List<InetSocketAddress> out = new ArrayList<>();
    ServiceInfo info = j.getServiceInfo(SERVICE_TYPE, nodeId, wait.toMillis());
    // The TXT id must match too; a wrong answer costs only a dial, as TLS pins the id anyway.
    if (info == null || info.getPort() <= 0 || !nodeId.equals(info.getPropertyString("id"))) {
      return out;
    }
    for (Inet4Address a : info.getInet4Addresses()) {
      out.add(new InetSocketAddress(a, info.getPort()));
    }
    return out;
  }

  @Override
  public void close() {
    recheck.shutdownNow();
    synchronized (this) {
      responders.values().forEach(JmdnsDiscovery::closeQuietly);
      responders.clear();
    }
  }

  private static void closeQuietly(JmDNS j) {
    if (j == null) {
      return;
    }
    try {
      j.unregisterAllServices();
      j.close();
    } catch (IOException | RuntimeException e) {
      // Shutting down; a responder that fails to say goodbye just ages out on its peers.
    }
  }
}
