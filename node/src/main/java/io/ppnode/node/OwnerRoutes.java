package io.ppnode.node;

import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.RelayUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The owner addresses a member keeps: what the owner reported on its latest connection first,
 * then earlier reports and the invite's hints, relays last (mDNS answers are never kept; they are
 * asked for afresh on every connect). The list is bounded so that an owner that moves often
 * does not grow it without end.
 */
final class OwnerRoutes {
  /** Addresses kept per project: reported and invite hints together, relays not counted. */
  static final int MAX_KEPT = 32;

  private OwnerRoutes() {}

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
