package io.ppnode.protocol;

import static io.ppnode.protocol.Wire.hex;
import static io.ppnode.protocol.Wire.sha256;
import static io.ppnode.protocol.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One golden frame per message type, checked both ways: encoding gives exactly these bytes and
 * these bytes decode to exactly this message, also when they arrive split at any byte. The same
 * hex is quoted in docs/protocol.md, so a change here is a change to the spec.
 */
class GoldenFramesTest {
  static final ChunkHash HELLO_SHA = sha256("hello");
  static final String HELLO_HEX = HELLO_SHA.hex();
  /** The file hash of a file whose one chunk is {@code hello}: SHA-256 of that chunk's hash (docs/protocol.md 7). */
  static final ChunkHash HELLO_FILE = ChunkHash.ofHex("9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50");

  /** A name, a fresh copy of the message (ChunkData is consumed by encoding) and its frame. */
  static Stream<Arguments> golden() {
    return Stream.of(
        golden(
            "HELLO",
            () -> new Message.Hello(1, "ppnode/0.1"),
            // length 29, type 01, magic "PPND", version 1, then the JSON
            "0000001d" + "01" + "50504e44" + "0001" + ascii("{\"agent\":\"ppnode/0.1\"}")),
        golden(
            "ERROR",
            () -> new Message.Error(4, ErrorCode.NOT_MEMBER, "not a member"),
            "0000003d" + "02"
                + ascii("{\"requestId\":4,\"code\":\"NOT_MEMBER\",\"message\":\"not a member\"}")),
        golden(
            "JOIN_REQUEST",
            () -> new Message.JoinRequest(1, "demo", "c2VjcmV0"),
            "00000035" + "10"
                + ascii("{\"requestId\":1,\"project\":\"demo\",\"secret\":\"c2VjcmV0\"}")),
        golden(
            "JOIN_ACCEPTED",
            () -> new Message.JoinAccepted(1, "demo", "Demo"),
            "0000002f" + "11" + ascii("{\"requestId\":1,\"project\":\"demo\",\"name\":\"Demo\"}")),
        golden(
            "INDEX_REQUEST",
            () -> new Message.IndexRequest(2, "demo", 0),
            // length 43, type 20, then the JSON
            "0000002b" + "20" + ascii("{\"requestId\":2,\"project\":\"demo\",\"since\":0}")),
        golden(
            "INDEX_PAGE",
            GoldenFramesTest::indexPage,
            "0000030c" + "21"
                + ascii(
                    "{\"requestId\":2,\"project\":\"demo\",\"sequence\":3,\"last\":true,\"files\":["
                        + "{\"path\":\"docs\",\"kind\":\"DIRECTORY\",\"size\":0,"
                        + "\"mtime\":1700000000000,\"mode\":493,\"sha256\":null,\"sequence\":1,"
                        + "\"deleted\":false,\"chunks\":[],\"signature\":\"" + DOCS_SIGNATURE + "\"},"
                        + "{\"path\":\"docs/a.txt\",\"kind\":\"FILE\",\"size\":5,"
                        + "\"mtime\":1700000000000,\"mode\":420,\"sha256\":\"" + HELLO_FILE.hex() + "\","
                        + "\"sequence\":3,\"deleted\":false,\"chunks\":["
                        + "{\"offset\":0,\"length\":5,\"sha256\":\"" + HELLO_HEX + "\"}],"
                        + "\"signature\":\"" + A_TXT_SIGNATURE + "\"}]}")),
        golden(
            "INDEX_WATCH",
            () -> new Message.IndexWatch(5, "demo", 3),
            "0000002b" + "22" + ascii("{\"requestId\":5,\"project\":\"demo\",\"since\":3}")),
        golden(
            "INDEX_CHANGED",
            () -> new Message.IndexChanged(5, "demo", 4),
            "0000002e" + "23" + ascii("{\"requestId\":5,\"project\":\"demo\",\"sequence\":4}")),
        golden(
            "CHUNK_REQUEST",
            () -> new Message.ChunkRequest(3, "demo", "docs/a.txt", 0, 5, HELLO_SHA),
            "00000097" + "30"
                + ascii(
                    "{\"requestId\":3,\"project\":\"demo\",\"path\":\"docs/a.txt\",\"offset\":0,"
                        + "\"length\":5,\"sha256\":\"" + HELLO_HEX + "\"}")),
        golden(
            "PEERS_REQUEST",
            () -> new Message.PeersRequest(6, "demo"),
            "00000021" + "40" + ascii("{\"requestId\":6,\"project\":\"demo\"}")),
        golden(
            "PEERS",
            () -> new Message.Peers(6, "demo", 1_700_000_600_000L, EntrySignature.ofHex(DOCS_SIGNATURE),
                List.of(new Message.Peer(MEMBER_ID, List.of("127.0.0.1:7412"), List.of("relay://127.0.0.1:7400")))),
            "0000015d" + "41"
                + ascii("{\"requestId\":6,\"project\":\"demo\",\"expires\":1700000600000,\"ticket\":\""
                    + DOCS_SIGNATURE + "\",\"peers\":[{\"node\":\"" + MEMBER_ID
                    + "\",\"addresses\":[\"127.0.0.1:7412\"],\"relays\":[\"relay://127.0.0.1:7400\"]}]}")),
        golden(
            "TICKET_OFFER",
            () -> new Message.TicketOffer(1, "demo", OWNER_KEY, 1_700_000_600_000L, EntrySignature.ofHex(DOCS_SIGNATURE)),
            "0000012b" + "42"
                + ascii("{\"requestId\":1,\"project\":\"demo\",\"ownerKey\":\"" + OWNER_KEY
                    + "\",\"expires\":1700000600000,\"ticket\":\"" + DOCS_SIGNATURE + "\"}")),
        golden(
            "TICKET_ACCEPTED",
            () -> new Message.TicketAccepted(1, "demo", 1_700_000_600_000L),
            "00000039" + "43" + ascii("{\"requestId\":1,\"project\":\"demo\",\"expires\":1700000600000}")),
        golden(
            "CHUNK_DATA",
            () -> new ChunkData(3, Unpooled.copiedBuffer(utf8("hello"))),
            // length 14, type 31, request id 3 as u64, then the raw bytes "hello"
            "0000000e" + "31" + "0000000000000003" + "68656c6c6f"));
  }

  static Message.IndexPage indexPage() {
    return new Message.IndexPage(
        2,
        "demo",
        3,
        true,
        List.of(
            new FileEntry("docs", FileEntry.Kind.DIRECTORY, 0, 1_700_000_000_000L, 0755, null, 1,
                false, List.of(), EntrySignature.ofHex(DOCS_SIGNATURE)),
            new FileEntry("docs/a.txt", FileEntry.Kind.FILE, 5, 1_700_000_000_000L, 0644,
                HELLO_FILE, 3, false, List.of(new FileEntry.ChunkRef(0, 5, HELLO_SHA)),
                EntrySignature.ofHex(A_TXT_SIGNATURE))));
  }

  /**
   * The example owner's signatures of the two entries (docs/protocol.md 4.1; the node module's
   * EntrySignaturesTest checks they verify). To the codec they are opaque 64 bytes.
   */
  /** A member's printed node id and an owner's key (X.509 of an Ed25519 key): opaque to the codec. */
  static final String MEMBER_ID = "CVLPTAY-ZJ2TDNI-BFFQUIZ-HZJ5EMI-M3NCL5F-QTJ7L2M-JPMPN6F-44WSIQM";
  static final String OWNER_KEY = "302a300506032b6570032100" + "11".repeat(32);

  static final String DOCS_SIGNATURE = "9b3a4165796d6c87c2d52b149077c37aae9f964e95995afb7ab2a912f24d9f66"
      + "ee4c0b6142b62da8b18435230b0789f875c4147fd9311dc918b0f38ab868460a";
  static final String A_TXT_SIGNATURE = "ee525d0905d68bbe71be610d148dce840a2075d3d1c03ce67f9793e1a31c2df5"
      + "d02ccef69644d797d400f3243c50aa2a544897e52a78072782251177ca354004";

  private static Arguments golden(String name, Supplier<Message> message, String hex) {
    return Arguments.of(name, message, hex);
  }

  private static String ascii(String s) {
    return hex(utf8(s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void encodesToGoldenBytes(String name, Supplier<Message> message, String hex) {
    assertEquals(hex, hex(Wire.encode(message.get())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void decodesGoldenBytes(String name, Supplier<Message> message, String hex) {
    Message expected = message.get();
    Message actual = Wire.decode(Wire.unhex(hex));
    try {
      Wire.assertSameMessage(expected, actual);
    } finally {
      ReferenceCountUtil.release(expected);
      ReferenceCountUtil.release(actual);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void reassemblesInputSplitAtEveryByte(String name, Supplier<Message> message, String hex) {
    byte[] bytes = Wire.unhex(hex);
    Message expected = message.get();
    try {
      for (int split = 0; split <= bytes.length; split++) {
        EmbeddedChannel ch = Wire.channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
        if (split < bytes.length) {
          assertNull(ch.readInbound(), "nothing before the frame is complete");
          ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
        }
        Message actual = ch.readInbound();
        try {
          Wire.assertSameMessage(expected, actual);
        } finally {
          ReferenceCountUtil.release(actual);
        }
        assertFalse(ch.finish());
      }
    } finally {
      ReferenceCountUtil.release(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void decodesByteByByte(String name, Supplier<Message> message, String hex) {
    byte[] bytes = Wire.unhex(hex);
    EmbeddedChannel ch = Wire.channel();
    for (byte b : bytes) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    Message expected = message.get();
    Message actual = ch.readInbound();
    try {
      Wire.assertSameMessage(expected, actual);
    } finally {
      ReferenceCountUtil.release(expected);
      ReferenceCountUtil.release(actual);
    }
    assertFalse(ch.finish());
  }
}
