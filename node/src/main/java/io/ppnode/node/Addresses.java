package io.ppnode.node;

import io.ppnode.node.net.HostPort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses a node advertises in invites when none are given: where it actually listens
 * (the bound port when serving), and for a wildcard listen every address of every interface
 * that is up, IPv4 first.
 */
final class Addresses {
  private Addresses() {}

  static List<String> advertised(NodeContext ctx) {
    HostPort listen = ctx.serving() != null ? HostPort.of(ctx.serving()) : HostPort.parse(ctx.listen());
    if (!listen.wildcard()) {
      return List.of(listen.toString());
    }
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a.isLinkLocalAddress()) {
            continue; // would need a zone id the member cannot know
          }
          // A scoped address prints as "::1%lo"; the scope means nothing to the member.
          String host = a.getHostAddress().replaceFirst("%.*$", "");
          (a instanceof Inet4Address ? v4 : v6).add(new HostPort(host, listen.port()).toString());
        }
      }
    } catch (SocketException e) {
      return List.of(new HostPort("127.0.0.1", listen.port()).toString());
    }
    // Real interfaces before loopback: loopback only helps a member on this same machine.
    v4.sort((a, b) -> Boolean.compare(a.startsWith("127."), b.startsWith("127.")));
    List<String> all = new ArrayList<>(v4);
    all.addAll(v6);
    return all.size() > 16 ? all.subList(0, 16) : all;
  }
}
