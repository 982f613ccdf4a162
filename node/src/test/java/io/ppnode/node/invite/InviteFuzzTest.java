package io.ppnode.node.invite;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;

/**
 * Fuzzes the invite parser: a token is text a user pastes from anywhere, so any string must
 * either decode or raise {@link InvalidInviteException}; nothing else may escape. Half the inputs
 * are given the right prefix and base64url so that the fuzzer reaches the binary payload checks.
 * Kept inputs: {@code InviteFuzzTestInputs/decode}; {@code JAZZER_FUZZ=1} fuzzes for a bounded time.
 */
class InviteFuzzTest {
  @FuzzTest(maxDuration = "40s")
  void decode(FuzzedDataProvider data) {
    String token = data.consumeBoolean()
        ? InviteCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(data.consumeRemainingAsBytes())
        : data.consumeRemainingAsString();
    try {
      InviteCodec.decode(token);
    } catch (InvalidInviteException refused) {
      // The one refusal the parser may give.
    }
  }
}
