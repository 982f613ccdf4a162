package io.ppnode.relay;

import java.time.Duration;

/**
 * What one relay process will hold at most, and how long it waits. Everything a stranger can
 * make the relay keep (connections still in their handshake, sessions, registrations) is capped
 * here, overall and per source address.
 *
 * @param maxSessions sessions, waiting for their target or spliced
 * @param maxSessionsPerAddress sessions asked for from one source IP
 * @param maxHandshakes connections that have not yet finished their opening exchange
 * @param maxHandshakesPerAddress the same, per source IP
 * @param maxRegistered registered nodes
 * @param handshakeTimeout how long a new connection has to finish REGISTER/PROOF, CONNECT or JOIN
 * @param joinTimeout how long an invited node has to JOIN before the member is refused
 * @param controlIdleTimeout a registered node that sends nothing (not even PING) this long is dropped
 * @param sessionIdleTimeout a spliced session with no byte in either direction this long is closed
 */
public record RelayLimits(
    int maxSessions,
    int maxSessionsPerAddress,
    int maxHandshakes,
    int maxHandshakesPerAddress,
    int maxRegistered,
    Duration handshakeTimeout,
    Duration joinTimeout,
    Duration controlIdleTimeout,
    Duration sessionIdleTimeout) {

  public static RelayLimits defaults() {
    return new RelayLimits(1000, 32, 1024, 64, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(60), Duration.ofMinutes(5));
  }

  public RelayLimits withHandshakeTimeout(Duration d) {
    return new RelayLimits(maxSessions, maxSessionsPerAddress, maxHandshakes, maxHandshakesPerAddress, maxRegistered,
        d, joinTimeout, controlIdleTimeout, sessionIdleTimeout);
  }

  public RelayLimits withHandshakes(int total, int perAddress) {
    return new RelayLimits(maxSessions, maxSessionsPerAddress, total, perAddress, maxRegistered,
        handshakeTimeout, joinTimeout, controlIdleTimeout, sessionIdleTimeout);
  }

  public RelayLimits withSessions(int total, int perAddress) {
    return new RelayLimits(total, perAddress, maxHandshakes, maxHandshakesPerAddress, maxRegistered,
        handshakeTimeout, joinTimeout, controlIdleTimeout, sessionIdleTimeout);
  }
}
