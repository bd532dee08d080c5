/**
 * The {@code enqueue} command: loads a campaign by publishing a CSV or JSON-lines file of
 * requests to the request exchange, every row checked first with the worker's own rules,
 * paced and confirmed, without starting the worker's listener.
 */
@NullMarked
package com.outboundsms.worker.enqueue;

import org.jspecify.annotations.NullMarked;
