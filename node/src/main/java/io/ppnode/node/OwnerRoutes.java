package io.ppnode.node;

import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.RelayUrl;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which a member tries its owner's addresses: what mDNS found now, then what the
 * owner reported on earlier connections, then the invite's hints; relays last, as the transport
 * gives direct routes a head start anyway. The list a member keeps is bounded so that an owner
 * that moves often does not grow it without end.
 */
final class OwnerRoutes {
  /** Addresses kept per project: reported and invite hints together, relays not counted. */
  static final int MAX_KEPT = 32;

  private OwnerRoutes() {}

  static List<String> ordered(List<InetSocketAddress> foundNow, List<String> remembered) {
    Set<String> out = new LinkedHashSet<>();
    for (InetSocketAddress a : foundNow) {
      out.add(HostPort.of(a).toString());
    }
    out.addAll(remembered);
    return new ArrayList<>(out);
  }

  /**
   * The new list to keep: {@code reported} (well-formed direct hints only, as they come from the
   * wire) first, then the rest of {@code kept}, direct hints bounded by {@link #MAX_KEPT}.
   */
  static List<String> remember(List<String> reported, List<String> kept) {
    Set<String> direct = new LinkedHashSet<>();
    for (String r : reported) {
      if (HostPort.isValidHint(r)) {
        direct.add(HostPort.parse(r).toString());
      }
    }
    List<String> relays = new ArrayList<>();
    for (String k : kept) {
      if (RelayUrl.is(k)) {
        relays.add(k);
      } else {
        direct.add(k);
      }
    }
    List<String> out = new ArrayList<>(direct);
    if (out.size() > MAX_KEPT) {
      out = new ArrayList<>(out.subList(0, MAX_KEPT));
    }
    out.addAll(relays);
    return out;
  }
}
