package io.ppnode.relay;

import java.util.Map;

/**
 * A snapshot of the relay for the status endpoint (as JSON) and for tests.
 *
 * @param sessions sessions spliced now
 * @param waitingSessions sessions whose target has been invited but has not joined yet
 * @param registeredNodes nodes with a live control connection
 * @param handshakes connections still in their opening exchange
 * @param sessionsOpened sessions spliced since start
 * @param bytesRelayed bytes forwarded in both directions since start
 * @param refusals refused or timed-out connections since start, by reason
 */
public record RelayStatus(
    int sessions,
    int waitingSessions,
    int registeredNodes,
    int handshakes,
    long sessionsOpened,
    long bytesRelayed,
    Map<String, Long> refusals) {}
