package com.outboundsms.worker.enqueue;

/**
 * A checked row, ready to publish.
 *
 * @param line the line it starts on
 * @param requestId the request id, published as the {@code message_id}
 * @param body the body, published as it is
 */
record FileRequest(int line, String requestId, byte[] body) {

}
