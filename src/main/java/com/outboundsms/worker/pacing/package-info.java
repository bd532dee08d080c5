/**
 * Rate caps for the commands that publish in bulk (the dead-letter replay, the bulk
 * enqueue): a pacer over an injectable ticker, and nothing of the worker.
 */
@NullMarked
package com.outboundsms.worker.pacing;

import org.jspecify.annotations.NullMarked;
