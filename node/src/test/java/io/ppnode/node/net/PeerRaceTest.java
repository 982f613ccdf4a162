package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The race between routes to one peer, with attempts that join late (mDNS answers): a hold keeps
 * the race from being lost and the relays waiting until it is released.
 */
class PeerRaceTest {
  /** A connection stands in for a real one; the race only hands it out or closes it. */
  private static PeerConnection connection(AtomicBoolean closed) {
    return (PeerConnection) Proxy.newProxyInstance(PeerConnection.class.getClassLoader(),
        new Class<?>[] {PeerConnection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closed.set(true);
          }
          return null;
        });
  }

  @Test
  void aLateAddressCanStillWinAfterTheEarlyOnesFailed() throws Exception {
    PeerRace race = new PeerRace("owner");
    AtomicBoolean relaysTried = new AtomicBoolean();
    race.whenDirectFailed(() -> relaysTried.set(true));
    Runnable entering = race.hold();
    Runnable late = race.hold();
    race.enter("10.0.0.2:7001", CompletableFuture.failedFuture(new IOException("timed out")));
    entering.run();
    assertFalse(relaysTried.get(), "the relays wait for the late answer");

    PeerConnection winner = connection(new AtomicBoolean());
    race.enter("10.0.0.9:7001", CompletableFuture.completedFuture(winner));
    late.run();
    assertSame(winner, race.await(1000));
    assertFalse(relaysTried.get());
  }

  @Test
  void theRaceIsLostOnlyOnceTheHoldIsReleasedAndTheRelaysAreTriedFirst() {
    PeerRace race = new PeerRace("owner");
    AtomicBoolean relaysTried = new AtomicBoolean();
    race.whenDirectFailed(() -> {
      relaysTried.set(true);
      race.enter("relay://10.0.0.1:7000", CompletableFuture.failedFuture(new IOException("refused")));
    });
    Runnable entering = race.hold();
    race.enter("10.0.0.2:7001", CompletableFuture.failedFuture(new IOException("refused")));
    entering.run();
    assertTrue(relaysTried.get());
    PeerUnreachableException e = assertThrows(PeerUnreachableException.class, () -> race.await(1000));
    assertTrue(e.getMessage().contains("10.0.0.2:7001: ") && e.getMessage().contains("relay://10.0.0.1:7000: "),
        e.getMessage());
  }

  @Test
  void aSecondWinnerIsClosed() throws Exception {
    PeerRace race = new PeerRace("owner");
    Runnable entering = race.hold();
    AtomicBoolean secondClosed = new AtomicBoolean();
    PeerConnection first = connection(new AtomicBoolean());
    race.enter("10.0.0.2:7001", CompletableFuture.completedFuture(first));
    race.enter("10.0.0.3:7001", CompletableFuture.completedFuture(connection(secondClosed)));
    entering.run();
    assertSame(first, race.await(1000));
    assertTrue(secondClosed.get());
  }
}
