package io.ppnode.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * The bytes of one requested chunk, answering the {@link Message.ChunkRequest} with the same id.
 * Holds a reference-counted buffer: whoever receives it releases it.
 */
public final class ChunkData extends DefaultByteBufHolder implements Message {
  private final long requestId;

  public ChunkData(long requestId, ByteBuf data) {
    super(data);
    this.requestId = requestId;
  }

  public long requestId() {
    return requestId;
  }

  @Override
  public MessageType type() {
    return MessageType.CHUNK_DATA;
  }

  @Override
  public ChunkData replace(ByteBuf content) {
    return new ChunkData(requestId, content);
  }

  @Override
  public String toString() {
    return "ChunkData[requestId=" + requestId + ", bytes=" + content().readableBytes() + "]";
  }
}
