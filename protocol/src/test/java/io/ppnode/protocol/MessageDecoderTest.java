package io.ppnode.protocol;

import static io.ppnode.protocol.Wire.jsonFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a misbehaving peer can send and how it is refused: every case raises a {@link
 * ProtocolViolationException} and passes no message on.
 */
class MessageDecoderTest {
  static final String SHA = Wire.sha256("hello").hex();

  /** Feeds {@code frame} through the codec and asserts it is refused with nothing passed on. */
  static ProtocolViolationException refused(byte[] frame) {
    EmbeddedChannel ch = Wire.channel();
    ProtocolViolationException e =
        assertThrows(
            ProtocolViolationException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(frame)));
    assertNull(ch.readInbound());
    assertFalse(ch.finishAndReleaseAll());
    return e;
  }

  @Test
  void jsonThatJacksonWouldTakeForUtf32IsRefused() {
    // Found by CodecFuzzTest: zero bytes at the start made Jackson guess UTF-32 and fail with
    // an exception the node took for its own bug.
    refused(Wire.frame(0x20, Wire.unhex("050000000000000074496422")));
  }

  @Test
  void unknownTypeCode() {
    refused(Wire.unhex("00000001" + "7f"));
  }

  @Test
  void badMagicIsNotAPpnodePeer() {
    ProtocolViolationException e =
        refused(Wire.frame(0x01, Wire.unhex("474554200001" + Wire.hex(Wire.utf8("{}")))));
    assertEquals(UnknownMagicException.class, e.getClass());
    assertEquals("not a ppnode peer (unknown magic)", e.getMessage());
    assertEquals(0x47455420, ((UnknownMagicException) e).magic());
  }

  @Test
  void helloTooShortForMagicIsNotAPpnodePeer() {
    assertEquals(UnknownMagicException.class, refused(Wire.unhex("00000003" + "015050")).getClass());
  }

  @Test
  void helloVersionIsPassedOnForTheNodeToJudge() {
    byte[] frame = Wire.frame(0x01, Wire.unhex("50504e44" + "0063" + Wire.hex(Wire.utf8(
        "{\"agent\":\"future\",\"features\":[\"x\"]}"))));
    assertEquals(new Message.Hello(99, "future"), Wire.decode(frame));
  }

  @Test
  void helloOverItsCapIsRefused() {
    String agent = "a".repeat(Limits.MAX_HELLO_BYTES);
    refused(Wire.frame(0x01, Wire.unhex("50504e440001" + Wire.hex(Wire.utf8(
        "{\"agent\":\"" + agent + "\"}")))));
  }

  @Test
  void helloWithoutVersionOrBody() {
    refused(Wire.unhex("00000005" + "01" + "50504e44"));
    refused(Wire.unhex("00000007" + "01" + "50504e44" + "0001"));
  }

  @Test
  void chunkDataWithoutRequestId() {
    refused(Wire.unhex("00000005" + "31" + "00000000"));
  }

  @Test
  void chunkDataWithTopBitRequestId() {
    refused(Wire.unhex("0000000a" + "31" + "8000000000000001" + "00"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // no body at all
        "{", // truncated
        "[]", // not an object
        "null", // null body
        "{\"requestId\":2,\"project\":\"demo\",\"since\":0} {}", // trailing data
        "{\"requestId\":2,\"project\":\"demo\"}", // missing field
        "{\"requestId\":\"2\",\"project\":\"demo\",\"since\":0}", // string for a number
        "{\"requestId\":2.5,\"project\":\"demo\",\"since\":0}", // float for an integer
        "{\"requestId\":null,\"project\":\"demo\",\"since\":0}", // null for a number
        "{\"requestId\":2,\"project\":null,\"since\":0}", // null for a string
        "{\"requestId\":2,\"project\":7,\"since\":0}", // number for a string
        "{\"requestId\":2,\"project\":\"demo\",\"since\":99999999999999999999}" // overflow
      })
  void badJson(String json) {
    refused(jsonFrame(MessageType.INDEX_REQUEST, json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"true\"", "null"})
  void badBooleans(String last) {
    refused(jsonFrame(MessageType.INDEX_PAGE,
        "{\"requestId\":2,\"project\":\"demo\",\"sequence\":3,\"last\":" + last
            + ",\"files\":[]}"));
  }

  @Test
  void invalidUtf8() {
    refused(Wire.frame(0x20, Wire.unhex("7b2270726f6a656374223a22ff227d")));
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() {
    byte[] frame =
        jsonFrame(
            MessageType.INDEX_REQUEST,
            "{\"requestId\":2,\"project\":\"demo\",\"since\":0,\"newField\":{\"x\":1}}");
    assertEquals(new Message.IndexRequest(2, "demo", 0), Wire.decode(frame));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"NO_SUCH_CODE\"", "0", "null"})
  void badErrorCode(String code) {
    refused(jsonFrame(MessageType.ERROR, "{\"requestId\":1,\"code\":" + code + ",\"message\":\"x\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Demo", "de-mo", "d\u00e9mo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void badProjectIds(String project) {
    refused(indexRequest(project, 0));
  }

  @Test
  void longestProjectIdPasses() {
    String id = "a0".repeat(32);
    assertEquals(new Message.IndexRequest(1, id, 0), Wire.decode(indexRequest(id, 0)));
  }

  @Test
  void negativeSinceAndRequestId() {
    refused(indexRequest("demo", -1));
    refused(jsonFrame(MessageType.INDEX_REQUEST, "{\"requestId\":-1,\"project\":\"demo\",\"since\":0}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "pad=", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void badInviteSecrets(String secret) {
    refused(jsonFrame(MessageType.JOIN_REQUEST,
        "{\"requestId\":1,\"project\":\"demo\",\"secret\":\"" + secret + "\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "/abs", "a\\\\b", "..", "a/../b", "./a", "a//b", "a/", "a\\u0000b", "a\\u001fb",
        "cafe\\u0301"
      })
  void badPathsInChunkRequest(String jsonPath) {
    refused(chunkRequest("\"" + jsonPath + "\"", 0, 5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a\\\\b", "..", "a//b", "a/", "a\\u0000b", "cafe\\u0301"})
  void badPathsInIndexPage(String jsonPath) {
    refused(page(dir("\"" + jsonPath + "\"")));
  }

  @Test
  void chunkRequestLengthsAndOffsets() {
    refused(chunkRequest("\"a\"", 0, 0));
    refused(chunkRequest("\"a\"", 0, -1));
    refused(chunkRequest("\"a\"", 0, Limits.MAX_CHUNK_BYTES + 1));
    refused(chunkRequest("\"a\"", -1, 5));
    refused(chunkRequest("null", 0, 5));
    assertEquals(
        new Message.ChunkRequest(7, "demo", "a", 0, Limits.MAX_CHUNK_BYTES, Wire.sha256("hello")),
        Wire.decode(chunkRequest("\"a\"", 0, Limits.MAX_CHUNK_BYTES)));
  }

  @Test
  void badHashes() {
    refused(jsonFrame(MessageType.CHUNK_REQUEST, "{\"requestId\":7,\"project\":\"demo\",\"path\":\"a\","
        + "\"offset\":0,\"length\":5,\"sha256\":\"abcd\"}"));
    refused(jsonFrame(MessageType.CHUNK_REQUEST, "{\"requestId\":7,\"project\":\"demo\",\"path\":\"a\","
        + "\"offset\":0,\"length\":5,\"sha256\":\"" + "zz".repeat(32) + "\"}"));
    refused(jsonFrame(MessageType.CHUNK_REQUEST, "{\"requestId\":7,\"project\":\"demo\",\"path\":\"a\","
        + "\"offset\":0,\"length\":5,\"sha256\":null}"));
  }

  @Test
  void tooManyFilesInOnePage() {
    StringBuilder files = new StringBuilder();
    for (int i = 0; i <= Limits.MAX_INDEX_PAGE_FILES; i++) {
      files.append(i == 0 ? "" : ",").append(dir("\"d" + i + "\""));
    }
    refused(page(files.toString()));
  }

  @Test
  void fullPagePasses() {
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < Limits.MAX_INDEX_PAGE_FILES; i++) {
      files.append(i == 0 ? "" : ",").append(dir("\"d" + i + "\""));
    }
    Message.IndexPage p = (Message.IndexPage) Wire.decode(page(files.toString()));
    assertEquals(Limits.MAX_INDEX_PAGE_FILES, p.files().size());
  }

  @Test
  void duplicatePathInOnePage() {
    refused(page(dir("\"d\"") + "," + dir("\"d\"")));
  }

  @Test
  void fileEntryShapes() {
    String c0 = chunk(0, 3);
    // Well formed: two contiguous chunks summing to the size.
    Wire.decode(page(file(5, c0 + "," + chunk(3, 2))));
    refused(page(file(-1, ""))); // negative size
    refused(page(file(5, c0))); // chunks cover less than the size
    refused(page(file(2, c0))); // chunks cover more than the size
    refused(page(file(5, chunk(1, 3) + "," + chunk(4, 1)))); // not from offset 0
    refused(page(file(5, c0 + "," + chunk(4, 1)))); // gap
    refused(page(file(5, c0 + "," + chunk(2, 3)))); // overlap
    refused(page(file(3, chunk(0, 3) + "," + chunk(3, 0)))); // empty chunk
    refused(page(file(3, "{\"offset\":0,\"length\":-3,\"sha256\":\"" + SHA + "\"}")));
    refused(page(entry("a", "FILE", 0, 420, "null", false, ""))); // live file without hash
    refused(page(entry("a", "FILE", 3, 420, "\"" + SHA + "\"", true, c0))); // deleted with chunks
    refused(page(entry("d", "DIRECTORY", 0, 493, "null", false, c0))); // directory with chunks
    refused(page(entry("d", "DIRECTORY", 0, 493, "\"" + SHA + "\"", false, ""))); // with hash
    refused(page(entry("d", "DIRECTORY", 0, 0777777, "null", false, ""))); // mode out of range
    refused(page(entry("d", "LINK", 0, 493, "null", false, ""))); // unknown kind
    refused(page(entry("d", "DIRECTORY", 0, 493, "null", false, "").replace(",\"chunks\":[]", "")));
    String signature = "," + SIGNATURE;
    refused(page(file(5, c0 + "," + chunk(3, 2)).replace(signature, ""))); // unsigned
    refused(page(file(5, c0 + "," + chunk(3, 2)).replace(signature, ",\"signature\":null")));
    refused(page(file(5, c0 + "," + chunk(3, 2)).replace("ab".repeat(64), "ab".repeat(63)))); // short
    // A deleted file: a tombstone with neither hash nor chunks.
    Wire.decode(page(entry("a", "FILE", 0, 420, "null", true, "")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"cvlptay-zj2tdni-bffquiz-hzj5emi-m3ncl5f-qtj7l2m-jpmpn6f-44wsiqm\"", // lower case
      "\"CVLPTAY\"", // too short
      "\"CVLPTAY-ZJ2TDNI-BFFQUIZ-HZJ5EMI-M3NCL5F-QTJ7L2M-JPMPN6F-44WSIQ1\"", // not base32
      "null"})
  void peersWithABadNodeIdAreRefused(String node) {
    refused(peers("{\"node\":" + node + ",\"addresses\":[\"127.0.0.1:7412\"],\"relays\":[]}"));
  }

  @Test
  void peersAddressesAndCountsAreBounded() {
    String node = "{\"node\":\"" + GoldenFramesTest.MEMBER_ID + "\",";
    String ok = node + "\"addresses\":[\"127.0.0.1:7412\"],\"relays\":[]}";
    assertEquals(1, ((Message.Peers) Wire.decode(peers(ok))).peers().size());
    refused(peers(node + "\"addresses\":[\"not an address\"],\"relays\":[]}"));
    refused(peers(node + "\"addresses\":null,\"relays\":[]}"));
    refused(peers(node + "\"addresses\":[\"127.0.0.1:7412\"]}")); // relays missing
    refused(peers(node + "\"addresses\":[],\"relays\":[\"127.0.0.1:7400\"]}"));
    refused(peers(node + "\"addresses\":["
        + String.join(",", java.util.Collections.nCopies(Limits.MAX_HELLO_ADDRESSES + 1, "\"127.0.0.1:1\"")) + "],\"relays\":[]}"));
    refused(peers(node + "\"addresses\":[],\"relays\":["
        + String.join(",", java.util.Collections.nCopies(Limits.MAX_HELLO_RELAYS + 1, "\"relay://127.0.0.1:1\"")) + "]}"));
    refused(peers(String.join(",", java.util.Collections.nCopies(Limits.MAX_PEERS + 1, ok))));
    refused(peers("null"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\"ABCD\"", "\"abc\"", "\"zz\"", "null"})
  void ticketOffersWithABadKeyAreRefused(String key) {
    refused(jsonFrame(MessageType.TICKET_OFFER, "{\"requestId\":1,\"project\":\"demo\",\"ownerKey\":" + key
        + ",\"expires\":1,\"ticket\":\"" + "ab".repeat(64) + "\"}"));
  }

  @Test
  void ticketsMustBeSignatures() {
    String offer = "{\"requestId\":1,\"project\":\"demo\",\"ownerKey\":\"" + GoldenFramesTest.OWNER_KEY
        + "\",\"expires\":1,\"ticket\":";
    refused(jsonFrame(MessageType.TICKET_OFFER, offer + "\"" + "ab".repeat(63) + "\"}"));
    refused(jsonFrame(MessageType.TICKET_OFFER, offer + "null}"));
    refused(jsonFrame(MessageType.TICKET_ACCEPTED, "{\"requestId\":1,\"project\":\"demo\",\"expires\":-1}"));
  }

  private static byte[] peers(String peersJson) {
    return jsonFrame(MessageType.PEERS, "{\"requestId\":6,\"project\":\"demo\",\"expires\":1,\"ticket\":\""
        + "ab".repeat(64) + "\",\"peers\":" + (peersJson.equals("null") ? "null" : "[" + peersJson + "]") + "}");
  }

  private static byte[] indexRequest(String project, long since) {
    return jsonFrame(MessageType.INDEX_REQUEST,
        "{\"requestId\":1,\"project\":\"" + project + "\",\"since\":" + since + "}");
  }

  private static byte[] chunkRequest(String jsonPath, long offset, int length) {
    return jsonFrame(MessageType.CHUNK_REQUEST,
        "{\"requestId\":7,\"project\":\"demo\",\"path\":" + jsonPath + ",\"offset\":" + offset
            + ",\"length\":" + length + ",\"sha256\":\"" + SHA + "\"}");
  }

  private static byte[] page(String filesJson) {
    return jsonFrame(MessageType.INDEX_PAGE,
        "{\"requestId\":2,\"project\":\"demo\",\"sequence\":3,\"last\":true,\"files\":["
            + filesJson + "]}");
  }

  private static String dir(String jsonPath) {
    return "{\"path\":" + jsonPath + ",\"kind\":\"DIRECTORY\",\"size\":0,\"mtime\":0,\"mode\":493,"
        + "\"sha256\":null,\"sequence\":1,\"deleted\":false,\"chunks\":[]," + SIGNATURE + "}";
  }

  private static String file(long size, String chunks) {
    return entry("f", "FILE", size, 420, "\"" + SHA + "\"", false, chunks);
  }

  private static String entry(
      String path, String kind, long size, int mode, String sha, boolean deleted, String chunks) {
    return "{\"path\":\"" + path + "\",\"kind\":\"" + kind + "\",\"size\":" + size
        + ",\"mtime\":0,\"mode\":" + mode + ",\"sha256\":" + sha + ",\"sequence\":1,\"deleted\":"
        + deleted + ",\"chunks\":[" + chunks + "]," + SIGNATURE + "}";
  }

  /** The codec only checks that a signature is there and 64 bytes; the member verifies it. */
  private static final String SIGNATURE = "\"signature\":\"" + "ab".repeat(64) + "\"";

  private static String chunk(long offset, int length) {
    return "{\"offset\":" + offset + ",\"length\":" + length + ",\"sha256\":\"" + SHA + "\"}";
  }
}
