/**
 * The worker's own meters, named in one place, exported by Micrometer at
 * {@code /actuator/prometheus}.
 */
package com.outboundsms.worker.metrics;
