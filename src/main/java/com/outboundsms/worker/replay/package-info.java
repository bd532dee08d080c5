/**
 * The {@code replay-dead-letters} command: moves dead-lettered requests back to the
 * request exchange, filtered and paced, without starting the worker's listener.
 */
package com.outboundsms.worker.replay;
