package io.ppnode.node.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which local addresses mDNS may use for a listen address: the listen rule. A loopback listen
 * gives none (nothing leaves the machine, which keeps tests and the demo off real networks); a
 * wildcard listen gives every IPv4 address of every interface that is up, not loopback and
 * multicast-capable; a specific address gives that address if such an interface holds it.
 */
final class Interfaces {
  private Interfaces() {}

  static Set<InetAddress> forListen(String host) {
    Set<InetAddress> out = new LinkedHashSet<>();
    InetAddress listen;
    try {
      listen = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return out;
    }
    if (listen.isLoopbackAddress()) {
      return out;
    }
    for (InetAddress a : usable()) {
      if (listen.isAnyLocalAddress() || a.equals(listen)) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<InetAddress> usable() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          // IPv4 only: a v6 link-local answer needs a zone id a peer cannot use in a HOST:PORT hint.
          if (a instanceof Inet4Address) {
            out.add(a);
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: no discovery, the remembered addresses still work.
    }
    return out;
  }
}
