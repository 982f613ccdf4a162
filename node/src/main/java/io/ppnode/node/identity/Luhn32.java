package io.ppnode.node.identity;

/**
 * Luhn mod 32 check character over base32 text, computed exactly as Syncthing does for device
 * ids (weights start at 1 on the first character), so ids printed by either tool check alike.
 * Mod 32 Luhn catches every single substituted character and most adjacent swaps.
 */
final class Luhn32 {
  private static final int N = 32;

  private Luhn32() {}

  /** The check character for upper-case base32 {@code group}. */
  static char check(String group) {
    int factor = 1;
    int sum = 0;
    for (int i = 0; i < group.length(); i++) {
      int addend = factor * Base32.value(group.charAt(i));
      factor = factor == 2 ? 1 : 2;
      sum += addend / N + addend % N;
    }
    return Base32.ALPHABET.charAt((N - sum % N) % N);
  }
}
