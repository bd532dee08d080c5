/**
 * Rate caps for the commands that publish in bulk (the dead-letter replay, the bulk
 * enqueue): a pacer over an injectable ticker, which the Twilio budget's buckets refill
 * by too; nothing of the worker.
 */
@NullMarked
package com.outboundsms.worker.pacing;

import org.jspecify.annotations.NullMarked;
