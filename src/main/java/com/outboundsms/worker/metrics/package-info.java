/**
 * The worker's own meters, named in one place, exported by Micrometer at
 * {@code /actuator/prometheus}.
 */
@NullMarked
package com.outboundsms.worker.metrics;

import org.jspecify.annotations.NullMarked;
