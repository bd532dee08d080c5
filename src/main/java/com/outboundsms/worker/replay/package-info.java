/**
 * The {@code replay-dead-letters} command: moves dead-lettered requests back to the
 * request exchange, filtered and paced, without starting the worker's listener.
 */
@NullMarked
package com.outboundsms.worker.replay;

import org.jspecify.annotations.NullMarked;
