/**
 * Send windows and scheduled sends: when a lane may send to a customer (its window in the
 * customer's time zones, from the number), and the store where requests that may not be
 * sent yet wait until a releaser publishes them to their lane again.
 */
@NullMarked
package com.outboundsms.worker.schedule;

import org.jspecify.annotations.NullMarked;
