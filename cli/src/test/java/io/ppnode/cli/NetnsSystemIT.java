package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppnode.node.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery and relay as a user meets them, on networks the test builds out of Linux network
 * namespaces: real launcher processes, each inside its own namespace, joined by veth links and a
 * bridge that exist only for the test. Nothing here touches a real interface, so mDNS is on.
 *
 * <p>Making namespaces needs root; elsewhere the tests skip and say why, but under CI, which runs
 * as root, they fail instead, so a CI machine that cannot run them is noticed.
 */
class NetnsSystemIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Netns netns;
  private Launcher ppnode;

  @BeforeEach
  void namespacesOrSkip() {
    String why = Netns.unavailableReason();
    if (why != null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the network-namespace tests: " + why);
    }
    Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
    netns = new Netns();
    ppnode = new Launcher(tmp, true);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (ppnode != null) {
      ppnode.close(); // the processes first: a namespace with a process in it outlives its delete
    }
    if (netns != null) {
      netns.close();
    }
  }

  /**
   * Owner and member each have a link to the relay's namespace and none to each other, and the
   * relay's namespace forwards nothing: the member can reach the owner only through the relay.
   */
  @Test
  void aMemberWithNoRouteToTheOwnerJoinsAndPullsThroughTheRelay() throws Exception {
    String relayNs = netns.add("relay");
    String ownerNs = netns.add("owner");
    String memberNs = netns.add("member");
    Netns.ip("-n", relayNs, "addr", "add", "10.77.0.1/32", "dev", "lo");
    link(relayNs, "to-owner", "10.77.1.1/24", ownerNs, "10.77.1.2/24");
    link(relayNs, "to-member", "10.77.2.1/24", memberNs, "10.77.2.2/24");
    Netns.ip("-n", ownerNs, "route", "add", "10.77.0.1/32", "via", "10.77.1.1");
    Netns.ip("-n", memberNs, "route", "add", "10.77.0.1/32", "via", "10.77.2.1");

    Process relay = ppnode.start(Netns.exec(relayNs), tmp.resolve("relay-home"),
        "relay", "--listen", "10.77.0.1:7000");
    ppnode.awaitLog(relay, "relay listening on", DEADLINE);

    Path src = project("a");
    Path ownerHome = tmp.resolve("owner-home");
    List<String> inOwner = Netns.exec(ownerNs);
    ppnode.run(inOwner, ownerHome, "init", "--listen", "10.77.1.2:7001");
    ppnode.run(inOwner, ownerHome, "share", src.toString(), "--name", "demo");
    Process serve = ppnode.start(inOwner, ownerHome, "serve", "--relay", "relay://10.77.0.1:7000");
    ppnode.awaitLog(serve, "registered with relay", DEADLINE);
    String invite = ppnode.run(inOwner, ownerHome, "invite", "demo").strip();

    Path memberHome = tmp.resolve("member-home");
    Path dst = tmp.resolve("dst");
    List<String> inMember = Netns.exec(memberNs);
    ppnode.run(inMember, memberHome, "join", invite, dst.toString());
    assertEquals(Trees.digest(src), Trees.digest(dst));

    Files.writeString(src.resolve("later.txt"), "changed after the join\n");
    ppnode.run(inOwner, ownerHome, "scan", "demo");
    JsonNode pulled = JSON.readTree(ppnode.run(inMember, memberHome, "pull", "--json"));
    assertTrue(pulled.path("in_sync").asBoolean(), pulled.toString());
    assertEquals(Trees.digest(src), Trees.digest(dst));
    assertTrue(serve.isAlive() && relay.isAlive());
  }

  /**
   * Owner and member on one bridged LAN, both listening on the wildcard address. After the join
   * the owner's address changes (a new DHCP lease): the address in the invite and the one the
   * member remembers are both dead, and only mDNS knows the new one.
   */
  @Test
  void aMemberFindsAnOwnerWhoseAddressChangedByMdns() throws Exception {
    String lanNs = netns.add("lan");
    String ownerNs = netns.add("owner");
    String memberNs = netns.add("member");
    Netns.ip("-n", lanNs, "link", "add", "br0", "type", "bridge");
    Netns.ip("-n", lanNs, "link", "set", "br0", "up");
    bridgePort(lanNs, "port-owner", ownerNs, "10.78.0.2/24");
    bridgePort(lanNs, "port-member", memberNs, "10.78.0.3/24");

    Path src = project("b");
    Path ownerHome = tmp.resolve("owner-home");
    List<String> inOwner = Netns.exec(ownerNs);
    ppnode.run(inOwner, ownerHome, "init", "--listen", "0.0.0.0:7001");
    ppnode.run(inOwner, ownerHome, "share", src.toString(), "--name", "demo");
    Process serve = ppnode.start(inOwner, ownerHome, "serve");
    ppnode.awaitLog(serve, "mDNS: announcing on 10.78.0.2", DEADLINE);
    String invite = ppnode.run(inOwner, ownerHome, "invite", "demo").strip();

    Path memberHome = tmp.resolve("member-home");
    Path dst = tmp.resolve("dst");
    List<String> inMember = Netns.exec(memberNs);
    ppnode.run(inMember, memberHome, "init", "--listen", "0.0.0.0:7002");
    ppnode.run(inMember, memberHome, "join", invite, dst.toString());
    assertEquals(Trees.digest(src), Trees.digest(dst));

    Netns.ip("-n", ownerNs, "addr", "del", "10.78.0.2/24", "dev", "eth0");
    Netns.ip("-n", ownerNs, "addr", "add", "10.78.0.9/24", "dev", "eth0");
    ppnode.awaitLog(serve, "mDNS: announcing on 10.78.0.9", DEADLINE);
    Files.writeString(src.resolve("later.txt"), "changed after the new lease\n");
    ppnode.run(inOwner, ownerHome, "scan", "demo");

    JsonNode pulled = JSON.readTree(ppnode.run(inMember, memberHome, "pull", "--json"));
    assertTrue(pulled.path("in_sync").asBoolean(), pulled.toString());
    assertEquals(Trees.digest(src), Trees.digest(dst));
  }

  /** A veth pair: {@code name} with {@code address} in {@code ns}, its peer {@code eth0} in {@code peerNs}. */
  private static void link(String ns, String name, String address, String peerNs, String peerAddress)
      throws Exception {
    Netns.ip("-n", ns, "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", peerNs);
    Netns.ip("-n", ns, "addr", "add", address, "dev", name);
    Netns.ip("-n", ns, "link", "set", name, "up");
    Netns.ip("-n", peerNs, "addr", "add", peerAddress, "dev", "eth0");
    Netns.ip("-n", peerNs, "link", "set", "eth0", "up");
  }

  /** A veth pair from bridge {@code br0} in {@code lanNs} to {@code eth0} with {@code address} in {@code hostNs}. */
  private static void bridgePort(String lanNs, String port, String hostNs, String address) throws Exception {
    Netns.ip("-n", lanNs, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", hostNs);
    Netns.ip("-n", lanNs, "link", "set", port, "master", "br0");
    Netns.ip("-n", lanNs, "link", "set", port, "up");
    Netns.ip("-n", hostNs, "addr", "add", address, "dev", "eth0");
    Netns.ip("-n", hostNs, "link", "set", "eth0", "up");
  }

  /** A small tree with a nested dir and a multi-chunk file. */
  private Path project(String seed) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src").resolve("docs"));
    Files.writeString(src.resolve("notes.txt"), "notes " + seed + "\n");
    byte[] big = new byte[3 << 20];
    new java.util.Random(seed.hashCode()).nextBytes(big);
    Files.write(src.getParent().resolve("big.bin"), big);
    return src.getParent();
  }
}
