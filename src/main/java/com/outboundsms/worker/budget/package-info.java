/**
 * Token buckets for rates that hold per Twilio account, whatever the number of worker
 * instances: in memory for one instance, in PostgreSQL for several. Nothing of the worker
 * but the pacing's ticker.
 */
@NullMarked
package com.outboundsms.worker.budget;

import org.jspecify.annotations.NullMarked;
