/**
 * Publishing that returns only once the broker confirmed: the one place that awaits a
 * publisher confirm, and the templates Spring Boot configures for each purpose.
 */
@NullMarked
package com.outboundsms.worker.publishing;

import org.jspecify.annotations.NullMarked;
