package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The any-address in every spelling a bound socket or a user gives, and nothing else. */
class HostPortTest {
  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, true",
    "'::', true",
    "0:0:0:0:0:0:0:0, true",
    "'*', true",
    "127.0.0.1, false",
    "10.78.0.2, false",
    "'::1', false",
    "deadbeef, false",
    "example.org, false",
  })
  void wildcardIsTheAnyAddressInAnySpelling(String host, boolean wildcard) {
    assertEquals(wildcard, new HostPort(host, 7001).wildcard());
  }
}
