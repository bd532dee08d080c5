/**
 * Where requests come in: the request exchange and queue, the listener, and the intake
 * that reads and checks each message against the contract before the core sees it.
 */
@NullMarked
package com.outboundsms.worker.inbound;

import org.jspecify.annotations.NullMarked;
