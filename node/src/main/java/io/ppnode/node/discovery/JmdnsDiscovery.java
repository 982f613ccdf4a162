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
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
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
        JmDNS stale = responders.remove(gone);
        // Closing tries to say goodbye from an address that no longer exists and waits seconds
        // for that to fail; the new address must not wait behind it.
        CompletableFuture.runAsync(() -> closeQuietly(stale));
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
    responders.forEach((address, j) -> {
      try {
        register(j, nodeId, port);
        log.info("mDNS: announcing on {}", address.getHostAddress());
      } catch (IOException e) {
        log.warn("mDNS: cannot announce on {}: {}", address.getHostAddress(), e.getMessage());
      }
    });
  }

  private static void register(JmDNS j, String nodeId, int port) throws IOException {
    j.registerService(ServiceInfo.create(SERVICE_TYPE, nodeId, port, 0, 0,
        Map.of("id", nodeId, "v", String.valueOf(Limits.PROTOCOL_VERSION))));
  }

  /**
   * Browses for the service type on every responder and completes with the first answer that
   * names {@code nodeId}. Browsing, rather than asking once for the instance, also hears the
   * announcements an owner sends when it comes up on a new address, and keeps asking while the
   * wait lasts.
   */
  @Override
  public CompletableFuture<List<InetSocketAddress>> lookup(String nodeId, Duration wait) {
    CompletableFuture<List<InetSocketAddress>> found = new CompletableFuture<>();
    List<Runnable> stops = new ArrayList<>();
    for (JmDNS j : responders.values()) {
      ServiceListener listener = new ServiceListener() {
        @Override
        public void serviceAdded(ServiceEvent e) {
          if (nodeId.equalsIgnoreCase(e.getName())) {
            j.requestServiceInfo(e.getType(), e.getName(), wait.toMillis());
          }
        }

        @Override
        public void serviceRemoved(ServiceEvent e) {}

        @Override
        public void serviceResolved(ServiceEvent e) {
          List<InetSocketAddress> at = addressesOf(e.getInfo(), nodeId);
          if (!at.isEmpty()) {
            found.complete(at);
          }
        }
      };
      j.addServiceListener(SERVICE_TYPE, listener);
      stops.add(() -> j.removeServiceListener(SERVICE_TYPE, listener));
    }
    recheck.schedule(() -> found.complete(List.of()), wait.toMillis(), TimeUnit.MILLISECONDS);
    return found.whenComplete((at, err) -> {
      stops.forEach(Runnable::run);
      log.debug("mDNS: {} answered for {} on {}", at, nodeId, responders.keySet());
    });
  }

  private static List<InetSocketAddress> addressesOf(ServiceInfo info, String nodeId) {
    List<InetSocketAddress> out = new ArrayList<>();
    // The TXT id must match too; a wrong answer costs only a dial, as TLS pins the id anyway.
    if (info == null || info.getPort() <= 0 || !nodeId.equals(info.getPropertyString("id"))) {
      return out;
    }
    for (Inet4Address a : info.getInet4Addresses()) {
      out.add(new InetSocketAddress(a, info.getPort()));
    }
    return out;
  }

  /**
   * Closes every responder. One that announced this node waits to say goodbye, so that peers
   * drop its address at once; one that only looked (a command such as {@code pull}) is closed in
   * the background instead: JmDNS waits about 2 s for its own records' goodbyes whatever it
   * announced, and the command would sit through them before it exits.
   */
  @Override
  public void close() {
    recheck.shutdownNow();
    synchronized (this) {
      if (announcedId != null) {
        responders.values().forEach(JmdnsDiscovery::closeQuietly);
      } else if (!responders.isEmpty()) {
        List<JmDNS> looked = new ArrayList<>(responders.values());
        Thread t = new Thread(() -> looked.forEach(JmdnsDiscovery::closeQuietly), "ppnode-mdns-close");
        t.setDaemon(true);
        t.start();
      }
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
