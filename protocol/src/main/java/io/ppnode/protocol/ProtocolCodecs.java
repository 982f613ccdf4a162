package io.ppnode.protocol;

import io.netty.channel.ChannelPipeline;

/**
 * Installs the wire codec on a pipeline in one call, so that every pipeline (server, client,
 * relay-spliced) frames and validates messages the same way. The TLS handler, if any, must sit
 * in front of these; the handler with the logic goes behind them.
 */
public final class ProtocolCodecs {
  public static final String FRAME_DECODER = "frameDecoder";
  public static final String MESSAGE_DECODER = "messageDecoder";
  public static final String MESSAGE_ENCODER = "messageEncoder";

  private ProtocolCodecs() {}

  /** Appends the frame decoder, message decoder and message encoder to {@code p}. */
  public static void addTo(ChannelPipeline p) {
    // Fresh decoders per channel: they hold a connection's partial frame.
    p.addLast(FRAME_DECODER, new FrameDecoder());
    p.addLast(MESSAGE_DECODER, new MessageDecoder());
    p.addLast(MESSAGE_ENCODER, MessageEncoder.INSTANCE);
  }
}
